import { describe, expect, it } from 'vitest';
import { LogBuilder, time } from './analytics-test-fixtures.js';
import { createLocalClock } from './local-clock.js';
import { queueOverTime } from './queue-metrics.js';
import { volumeMetrics } from './volume-metrics.js';

describe('volumeMetrics', () => {
  it('counts conversations and handoffs by local hour and weekday in the asked time zone', () => {
    // 2026-06-01 is a Monday. 10:00Z is 18:00 in Shanghai; 23:30Z is 07:30 on Tuesday there.
    const logs = [
      new LogBuilder('a', { at: '2026-06-01T10:00:00.000Z' }),
      new LogBuilder('b', { at: '2026-06-01T10:59:59.000Z' }).queued('2026-06-01T10:59:59.000Z'),
      new LogBuilder('c', { at: '2026-06-01T23:30:00.000Z' }),
    ];
    const result = volumeMetrics(
      logs.map((log) => log.timeline()),
      'Asia/Shanghai',
    );
    expect(result.byHour[18]).toEqual({ conversations: 2, handoffs: 1 });
    expect(result.byHour[7]).toEqual({ conversations: 1, handoffs: 0 });
    expect(result.byWeekday[0]).toEqual({ conversations: 2, handoffs: 1 });
    expect(result.byWeekday[1]).toEqual({ conversations: 1, handoffs: 0 });
    expect(result.byWeekdayAndHour[1]![7]).toEqual({ conversations: 1, handoffs: 0 });
    expect(result.byHour.reduce((sum, count) => sum + count.conversations, 0)).toBe(3);
  });

  it('follows daylight saving time', () => {
    const newYork = createLocalClock('America/New_York');
    // 16:00Z is 11:00 in winter (UTC−5) and 12:00 in summer (UTC−4).
    expect(newYork(Date.parse('2026-01-15T16:00:00Z'))).toEqual({ hour: 11, weekday: 4 });
    expect(newYork(Date.parse('2026-07-15T16:00:00Z'))).toEqual({ hour: 12, weekday: 3 });
    // Kathmandu is UTC+5:45: the quarter-hour cache must not blur it.
    const kathmandu = createLocalClock('Asia/Kathmandu');
    expect(kathmandu(Date.parse('2026-06-01T18:14:59Z')).hour).toBe(23);
    expect(kathmandu(Date.parse('2026-06-01T18:15:00Z'))).toEqual({ hour: 0, weekday: 2 });
  });

  it('refuses an unknown time zone', () => {
    expect(() => volumeMetrics([], 'Mars/Olympus')).toThrow(/unknown time zone/);
  });
});

describe('queueOverTime', () => {
  it('gives arrivals, time-weighted and maximum length, and waits per bucket', () => {
    // Ten-minute buckets from 10:00. A waits 10:02-10:12, B 10:05-10:08 and again (requeued) 10:15-10:16,
    // C from 10:25 and still waiting at "now" (10:28).
    const a = new LogBuilder('a', { at: time(0) }).queued(time(2)).accepted(time(12), 'agent-1');
    const b = new LogBuilder('b', { at: time(0) })
      .queued(time(5))
      .accepted(time(8), 'agent-2')
      .desk({
        type: 'conversation-requeued',
        conversationId: 'b',
        reason: 'agent-offline',
        previousAgentId: 'agent-2',
        at: time(15),
      })
      .accepted(time(16), 'agent-1')
      .released(time(18), 'closed', 'agent-1');
    const c = new LogBuilder('c', { at: time(0) }).queued(time(25));
    const buckets = queueOverTime(
      [a, b, c].map((log) => log.timeline()),
      {
        fromMs: Date.parse(time(0)),
        toMs: Date.parse(time(30)),
        bucketMs: 600_000,
        asOfMs: Date.parse(time(28)),
      },
    );
    expect(buckets).toEqual([
      {
        start: time(0),
        arrivals: 2,
        // A 8 min + B 3 min over 10 min.
        averageLength: 1.1,
        maxLength: 2,
        accepted: 1,
        medianWaitMs: 180_000,
        maxWaitMs: 180_000,
      },
      {
        start: time(10),
        arrivals: 0,
        // A 2 min + B 1 min.
        averageLength: 0.3,
        maxLength: 1,
        accepted: 1,
        medianWaitMs: 600_000,
        maxWaitMs: 600_000,
      },
      {
        start: time(20),
        arrivals: 1,
        // C from 10:25 to now (10:28).
        averageLength: 0.3,
        maxLength: 1,
        accepted: 0,
        medianWaitMs: null,
        maxWaitMs: null,
      },
    ]);
  });

  it('refuses more buckets than it can draw', () => {
    expect(() =>
      queueOverTime([], { fromMs: 0, toMs: 86_400_000 * 365, bucketMs: 60_000, asOfMs: 0 }),
    ).toThrow(/too many/);
  });
});

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { writeSyntheticEvents } from '../../bench/analytics/synthetic-events.js';
import { agentTable } from '../../engine/analytics/agent-table.js';
import { matchesFilter, type AnalyticsFilter } from '../../engine/analytics/analytics-filter.js';
import { buildTimeline, type ConversationTimeline } from '../../engine/analytics/conversation-timeline.js';
import { countWordings, type GapQuestion, type GapWording } from '../../engine/analytics/knowledge-gaps.js';
import { inputsFor, METRIC_INPUTS, type TimelineMetric } from '../../engine/analytics/metric-inputs.js';
import { queueOverTime } from '../../engine/analytics/queue-metrics.js';
import { resolutionMetrics } from '../../engine/analytics/resolution-metrics.js';
import { responseTimes } from '../../engine/analytics/response-times.js';
import { satisfactionMetrics } from '../../engine/analytics/satisfaction-metrics.js';
import { volumeMetrics } from '../../engine/analytics/volume-metrics.js';
import { ConversationEventSchema } from '../../engine/conversation/conversation-event-schema.js';
import { parseEntriesJsonl } from '../../knowledge/io/index.js';
import { createSqliteAnalyticsReader } from './analytics-timeline-reader.js';
import { createSqliteDatabase } from './create-sqlite-database.js';

const END = Date.parse('2026-06-01T00:00:00Z');
const DAY = 86_400_000;
const asOfMs = END + DAY;
const sessions = { reopenWindowMs: 3_600_000, asOfMs };

/** The reference: every conversation's whole log, validated, through `buildTimeline`. */
function referenceTimelines(database: Database): ConversationTimeline[] {
  const rows = database
    .prepare('SELECT conversation_id, at, body FROM conversation_events ORDER BY conversation_id, sequence')
    .all() as { conversation_id: string; at: string; body: string }[];
  const byConversation = new Map<
    string,
    { at: string; event: ReturnType<typeof ConversationEventSchema.parse> }[]
  >();
  for (const row of rows) {
    const events = byConversation.get(row.conversation_id) ?? [];
    events.push({ at: row.at, event: ConversationEventSchema.parse(JSON.parse(row.body)) });
    byConversation.set(row.conversation_id, events);
  }
  return [...byConversation].flatMap(([id, events]) => buildTimeline(id, events) ?? []);
}

function compute(
  metric: TimelineMetric,
  timelines: ConversationTimeline[],
  filter: AnalyticsFilter,
): unknown {
  switch (metric) {
    case 'response-times':
      return responseTimes(timelines);
    case 'resolution':
      return resolutionMetrics(timelines, sessions);
    case 'satisfaction':
      return satisfactionMetrics(timelines, sessions);
    case 'volume':
      return volumeMetrics(timelines, 'Asia/Shanghai');
    case 'queue':
      return queueOverTime(timelines, {
        fromMs: Date.parse(filter.from),
        toMs: Date.parse(filter.to),
        bucketMs: 6 * 3_600_000,
        asOfMs,
      });
    case 'agents':
      return agentTable(timelines, sessions);
  }
}

describe('the SQLite analytics reader', () => {
  let database: Database;
  let reference: ConversationTimeline[];
  beforeAll(() => {
    const parsed = parseEntriesJsonl(readFileSync('knowledge/demo/demo-kb.jsonl', 'utf8'));
    if (!parsed.ok) throw new Error('the demo knowledge base does not parse');
    database = createSqliteDatabase(':memory:');
    writeSyntheticEvents(database, {
      messages: 12_000,
      endMs: END,
      days: 10,
      knownQuestions: parsed.entries.flatMap((entry) => entry.questions),
      entryIds: parsed.entries.map((entry) => entry.id),
      seed: 7,
    });
    reference = referenceTimelines(database);
  });
  afterAll(() => database.close());

  const filters: AnalyticsFilter[] = [
    { from: new Date(END - 10 * DAY).toISOString(), to: new Date(END).toISOString() },
    { from: new Date(END - 4 * DAY).toISOString(), to: new Date(END - 2 * DAY).toISOString() },
    { from: new Date(END - 10 * DAY).toISOString(), to: new Date(END).toISOString(), roomId: 'room-3' },
    { from: new Date(END - 10 * DAY).toISOString(), to: new Date(END).toISOString(), scenario: 'commerce' },
    { from: new Date(END - 10 * DAY).toISOString(), to: new Date(END).toISOString(), team: 'billing' },
    { from: new Date(END - 10 * DAY).toISOString(), to: new Date(END).toISOString(), agentId: 'agent-3' },
  ];

  it('gives every metric the same answer as the whole log does, for every filter', () => {
    const reader = createSqliteAnalyticsReader({ database });
    for (const filter of filters) {
      const expectedTimelines = reference.filter((timeline) => matchesFilter(timeline, filter));
      expect(expectedTimelines.length).toBeGreaterThan(
        filter.roomId || filter.agentId || filter.team ? 3 : 100,
      );
      for (const metric of Object.keys(METRIC_INPUTS) as TimelineMetric[]) {
        const inputs = inputsFor(metric, filter);
        const result = reader.timelines({ ...filter, ...inputs });
        const read = result.timelines.filter((timeline) => matchesFilter(timeline, filter));
        const count = filter.team || filter.agentId ? read.length : result.conversations;
        expect(count, `${metric} ${JSON.stringify(filter)}`).toBe(expectedTimelines.length);
        if (inputs.onlyWith === undefined) expect(read.length).toBe(expectedTimelines.length);
        expect(compute(metric, read, filter), `${metric} ${JSON.stringify(filter)}`).toEqual(
          compute(metric, expectedTimelines, filter),
        );
      }
    }
  });

  it('reads key events through the covering index, in one pass when the range holds most conversations', () => {
    const plans = database
      .prepare(
        `EXPLAIN QUERY PLAN SELECT conversation_id FROM conversation_events INDEXED BY analytics_key_events
          WHERE type IN ('state-change', 'handoff', 'desk', 'agent-message', 'satisfaction-request', 'satisfaction')`,
      )
      .all() as { detail: string }[];
    expect(plans.map((plan) => plan.detail).join('\n')).toContain('COVERING INDEX analytics_key_events');
  });

  it('counts the questions the AI could not answer by wording, once per turn, as the log says', () => {
    const reader = createSqliteAnalyticsReader({ database });
    const range = { from: new Date(END - 10 * DAY).toISOString(), to: new Date(END + DAY).toISOString() };
    const rows = database
      .prepare(
        'SELECT conversation_id, sequence, at, body FROM conversation_events ORDER BY conversation_id, sequence',
      )
      .all() as { conversation_id: string; sequence: number; at: string; body: string }[];
    const questions: GapQuestion[] = [];
    const turnQuestions = new Map<string, string>();
    const counted = new Set<string>();
    for (const row of rows) {
      const event = ConversationEventSchema.parse(JSON.parse(row.body));
      if (event.type === 'turn-start')
        turnQuestions.set(`${row.conversation_id}/${event.turnId}`, event.question);
      const signal =
        event.type === 'decline' || event.type === 'clarify'
          ? event.type
          : event.type === 'handoff' && event.packet.reasons.includes('low_confidence')
            ? 'low_confidence'
            : undefined;
      if (!signal || !('turnId' in event)) continue;
      const key = `${row.conversation_id}/${event.turnId}`;
      if (counted.has(key)) continue;
      counted.add(key);
      questions.push({
        conversationId: row.conversation_id,
        turnId: event.turnId,
        at: row.at,
        question: turnQuestions.get(key)!,
        signal,
      });
    }
    const byQuestion = (first: GapWording, second: GapWording) => (first.question < second.question ? -1 : 1);
    const wordings = reader.gapWordings({ ...range, limit: 100_000 });
    expect(wordings.length).toBeGreaterThan(50);
    expect([...wordings].sort(byQuestion)).toEqual(countWordings(questions).sort(byQuestion));
    // Most asked first, and the limit keeps the most asked.
    expect(reader.gapWordings({ ...range, limit: 3 })).toEqual(wordings.slice(0, 3));
    const inRoom = reader.gapWordings({ ...range, roomId: 'room-3', limit: 100_000 });
    const total = (list: GapWording[]) => list.reduce((sum, wording) => sum + wording.count, 0);
    expect(total(inRoom)).toBeGreaterThan(0);
    expect(total(inRoom)).toBeLessThan(total(wordings) / 10);
  });
});

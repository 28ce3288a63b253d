import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteDatabase } from '../../adapters/sqlite/create-sqlite-database.js';
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
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import { parseEntriesJsonl } from '../../knowledge/io/index.js';
import type { AnalyticsReader } from '../../server/analytics/analytics-reader.js';

/** One row of `conversation_events` as the engine writes it; `body` is the event as JSON text. */
export interface EventRow {
  conversationId: string;
  sequence: number;
  type: string;
  at: string;
  body: string;
}

export interface AnalyticsReaderHarness {
  reader: AnalyticsReader;
  /** Stores the rows in the reader's event log, in order, its own way (a prepared insert, a COPY, …). */
  appendEvents(rows: readonly EventRow[]): void | Promise<void>;
  cleanup(): void | Promise<void>;
}

const END = Date.parse('2026-06-01T00:00:00Z');
const DAY = 86_400_000;
const asOfMs = END + DAY;
const sessions = { reopenWindowMs: 3_600_000, asOfMs };

/**
 * The synthetic log the benchmark writes (12,000 messages over ten days), as rows: generated once into a
 * scratch SQLite database and read back, so every store is seeded with exactly the same events.
 */
function syntheticRows(): EventRow[] {
  const parsed = parseEntriesJsonl(readFileSync('knowledge/demo/demo-kb.jsonl', 'utf8'));
  if (!parsed.ok) throw new Error('the demo knowledge base does not parse');
  const scratch = createSqliteDatabase(':memory:');
  try {
    writeSyntheticEvents(scratch, {
      messages: 12_000,
      endMs: END,
      days: 10,
      knownQuestions: parsed.entries.flatMap((entry) => entry.questions),
      entryIds: parsed.entries.map((entry) => entry.id),
      seed: 7,
    });
    return (
      scratch
        .prepare(
          'SELECT conversation_id, sequence, type, at, body FROM conversation_events ORDER BY event_id',
        )
        .all() as { conversation_id: string; sequence: number; type: string; at: string; body: string }[]
    ).map((row) => ({
      conversationId: row.conversation_id,
      sequence: row.sequence,
      type: row.type,
      at: row.at,
      body: row.body,
    }));
  } finally {
    scratch.close();
  }
}

interface ParsedRow {
  conversationId: string;
  at: string;
  event: ConversationEvent;
}

/** Each conversation's rows in sequence order, validated. */
function byConversation(rows: readonly EventRow[]): Map<string, ParsedRow[]> {
  const sorted = [...rows].sort((first, second) =>
    first.conversationId === second.conversationId
      ? first.sequence - second.sequence
      : first.conversationId < second.conversationId
        ? -1
        : 1,
  );
  const conversations = new Map<string, ParsedRow[]>();
  for (const row of sorted) {
    const events = conversations.get(row.conversationId) ?? [];
    events.push({
      conversationId: row.conversationId,
      at: row.at,
      event: ConversationEventSchema.parse(JSON.parse(row.body)),
    });
    conversations.set(row.conversationId, events);
  }
  return conversations;
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

/** The questions the AI could not answer, once per turn as its first signal, straight from the log. */
function referenceGapQuestions(conversations: Map<string, ParsedRow[]>): GapQuestion[] {
  const questions: GapQuestion[] = [];
  for (const [conversationId, rows] of conversations) {
    const turnQuestions = new Map<string, string>();
    const counted = new Set<string>();
    for (const { at, event } of rows) {
      if (event.type === 'turn-start') turnQuestions.set(event.turnId, event.question);
      const signal =
        event.type === 'decline' || event.type === 'clarify'
          ? event.type
          : event.type === 'handoff' && event.packet.reasons.includes('low_confidence')
            ? 'low_confidence'
            : undefined;
      if (!signal || !('turnId' in event) || counted.has(event.turnId)) continue;
      counted.add(event.turnId);
      questions.push({
        conversationId,
        turnId: event.turnId,
        at,
        question: turnQuestions.get(event.turnId)!,
        signal,
      });
    }
  }
  return questions;
}

/**
 * What every AnalyticsReader promises: the same answers as computing each metric from the whole log, for
 * the same seeded events, whatever the store. `runAnalyticsReaderContract('sqlite', async () => harness)`.
 */
export function runAnalyticsReaderContract(
  name: string,
  createHarness: () => AnalyticsReaderHarness | Promise<AnalyticsReaderHarness>,
): void {
  describe(`AnalyticsReader contract: ${name}`, () => {
    let harness: AnalyticsReaderHarness;
    let reader: AnalyticsReader;
    let conversations: Map<string, ParsedRow[]>;
    let reference: ConversationTimeline[];

    beforeAll(async () => {
      harness = await createHarness();
      reader = harness.reader;
      const rows = syntheticRows();
      await harness.appendEvents(rows);
      conversations = byConversation(rows);
      reference = [...conversations].flatMap(([id, events]) => buildTimeline(id, events) ?? []);
    }, 120_000);

    afterAll(async () => {
      await harness?.cleanup();
    });

    const filters: AnalyticsFilter[] = [
      { from: new Date(END - 10 * DAY).toISOString(), to: new Date(END).toISOString() },
      { from: new Date(END - 4 * DAY).toISOString(), to: new Date(END - 2 * DAY).toISOString() },
      { from: new Date(END - 10 * DAY).toISOString(), to: new Date(END).toISOString(), roomId: 'room-3' },
      { from: new Date(END - 10 * DAY).toISOString(), to: new Date(END).toISOString(), scenario: 'commerce' },
      { from: new Date(END - 10 * DAY).toISOString(), to: new Date(END).toISOString(), team: 'billing' },
      { from: new Date(END - 10 * DAY).toISOString(), to: new Date(END).toISOString(), agentId: 'agent-3' },
    ];

    it('gives every metric the same answer as the whole log does, for every filter', async () => {
      for (const filter of filters) {
        const expectedTimelines = reference.filter((timeline) => matchesFilter(timeline, filter));
        expect(expectedTimelines.length).toBeGreaterThan(
          filter.roomId || filter.agentId || filter.team ? 3 : 100,
        );
        for (const metric of Object.keys(METRIC_INPUTS) as TimelineMetric[]) {
          const inputs = inputsFor(metric, filter);
          const result = await reader.timelines({ ...filter, ...inputs });
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

    it('reads each key event asked for, in log order, with the fields buildTimeline gives it', async () => {
      const range = {
        from: new Date(END - 4 * DAY).toISOString(),
        to: new Date(END - 2 * DAY).toISOString(),
      };
      const read = await reader.timelines({
        ...range,
        firstMessages: false,
        keyEvents: [
          'state-change',
          'handoff',
          'desk',
          'agent-message',
          'satisfaction-request',
          'satisfaction',
        ],
        deskSteps: [
          'queued',
          'assigned',
          'accepted',
          'requeued',
          'needs-reassignment',
          'transferred',
          'released',
          'sla-breached',
        ],
      });
      const expected = reference.filter((timeline) => matchesFilter(timeline, range));
      const byId = new Map(read.timelines.map((timeline) => [timeline.conversationId, timeline]));
      expect(read.conversations).toBe(expected.length);
      for (const timeline of expected)
        expect(byId.get(timeline.conversationId)?.events, timeline.conversationId).toEqual(timeline.events);
    });

    it('leaves out state changes other than into human, and desk steps not asked for', async () => {
      const range = { from: new Date(END - 10 * DAY).toISOString(), to: new Date(END).toISOString() };
      const read = await reader.timelines({
        ...range,
        firstMessages: false,
        keyEvents: ['state-change', 'desk'],
        stateChanges: 'to-human',
        deskSteps: ['queued'],
      });
      const events = read.timelines.flatMap((timeline) => timeline.events);
      expect(events.length).toBeGreaterThan(100);
      for (const event of events) {
        if (event.type === 'state-change') expect(event.to).toBe('human');
        else if (event.type === 'desk') expect(event.step.kind).toBe('queued');
        else expect.unreachable(`unexpected ${event.type}`);
      }
    });

    it('counts every conversation in scope but returns only those with the event asked for', async () => {
      const range = { from: new Date(END - 10 * DAY).toISOString(), to: new Date(END).toISOString() };
      const read = await reader.timelines({
        ...range,
        firstMessages: false,
        keyEvents: ['satisfaction-request', 'satisfaction'],
        onlyWith: 'satisfaction-request',
      });
      const expected = reference.filter((timeline) => matchesFilter(timeline, range));
      const asked = expected.filter((timeline) =>
        timeline.events.some((event) => event.type === 'satisfaction-request'),
      );
      expect(read.conversations).toBe(expected.length);
      expect(asked.length).toBeGreaterThan(10);
      expect(asked.length).toBeLessThan(expected.length);
      expect(read.timelines.map((timeline) => timeline.conversationId).sort()).toEqual(
        asked.map((timeline) => timeline.conversationId).sort(),
      );
      for (const timeline of read.timelines)
        expect(timeline.openedAt).toBe(
          expected.find((each) => each.conversationId === timeline.conversationId)?.openedAt,
        );
    });

    it('reads nothing for a range before the log', async () => {
      const range: AnalyticsFilter = { from: '2020-01-01T00:00:00.000Z', to: '2020-02-01T00:00:00.000Z' };
      for (const metric of Object.keys(METRIC_INPUTS) as TimelineMetric[])
        expect(await reader.timelines({ ...range, ...inputsFor(metric, range) })).toEqual({
          conversations: 0,
          timelines: [],
        });
      expect(await reader.gapWordings({ ...range, limit: 10 })).toEqual([]);
    });

    it('counts the questions the AI could not answer by wording, once per turn, as the log says', async () => {
      const range = { from: new Date(END - 10 * DAY).toISOString(), to: new Date(END + DAY).toISOString() };
      const byQuestion = (first: GapWording, second: GapWording) =>
        first.question < second.question ? -1 : 1;
      const wordings = await reader.gapWordings({ ...range, limit: 100_000 });
      expect(wordings.length).toBeGreaterThan(50);
      expect([...wordings].sort(byQuestion)).toEqual(
        countWordings(referenceGapQuestions(conversations)).sort(byQuestion),
      );
      // Most asked first, and the limit keeps the most asked.
      for (let index = 1; index < wordings.length; index++)
        expect(wordings[index - 1]!.count).toBeGreaterThanOrEqual(wordings[index]!.count);
      expect(await reader.gapWordings({ ...range, limit: 3 })).toEqual(wordings.slice(0, 3));
      const inRoom = await reader.gapWordings({ ...range, roomId: 'room-3', limit: 100_000 });
      const total = (list: GapWording[]) => list.reduce((sum, wording) => sum + wording.count, 0);
      expect(total(inRoom)).toBeGreaterThan(0);
      expect(total(inRoom)).toBeLessThan(total(wordings) / 10);
      const inScenario = await reader.gapWordings({ ...range, scenario: 'commerce', limit: 100_000 });
      expect(total(inScenario)).toBeGreaterThan(total(inRoom));
      expect(total(inScenario)).toBeLessThan(total(wordings));
    });
  });
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { LearningSource } from '../../server/analytics/learning-source.js';
import type { EventRow } from './analytics-reader.contract.js';

export interface LearningSourceHarness {
  source: LearningSource;
  /** Stores the rows in the source's event log, in order, its own way. */
  appendEvents(rows: readonly EventRow[]): void | Promise<void>;
  cleanup(): void | Promise<void>;
}

const at = (minute: number) => `2026-06-01T10:${String(minute).padStart(2, '0')}:00.000Z`;

function row(
  conversationId: string,
  sequence: number,
  event: ConversationEvent | { type: string; at: string },
): EventRow {
  return { conversationId, sequence, type: event.type, at: at(sequence), body: JSON.stringify(event) };
}

const opened = (sequence = 1): ConversationEvent => ({
  type: 'conversation-opened',
  profile: { viewerId: 'v-1', tier: 'regular' },
  liveContext: { roomId: 'room-1' },
  at: at(sequence),
});
const agentMessage = (sequence: number, entryIds?: string[]): ConversationEvent => ({
  type: 'agent-message',
  agentId: 'agent-1',
  text: 'Top up under Wallet.',
  at: at(sequence),
  ...(entryIds ? { entryIds } : {}),
});

/**
 * What every LearningSource promises (SQLite, PostgreSQL): knowledge answers by event id, a conversation's
 * validated events, the newest event id. `runLearningSourceContract('sqlite', async () => harness)`.
 */
export function runLearningSourceContract(
  name: string,
  createHarness: () => LearningSourceHarness | Promise<LearningSourceHarness>,
): void {
  describe(`LearningSource contract: ${name}`, () => {
    let harness: LearningSourceHarness;
    let source: LearningSource;

    beforeEach(async () => {
      harness = await createHarness();
      source = harness.source;
    });

    afterEach(async () => {
      await harness.cleanup();
    });

    it('has nothing to read in an empty log', async () => {
      expect(await source.latestEventId()).toBe(0);
      expect(await source.knowledgeAnswersSince(0, 10)).toEqual([]);
      expect(await source.conversationEvents('c-1', 10)).toEqual([]);
    });

    it('finds agent messages citing entries, oldest first, after the id given and up to the limit', async () => {
      await harness.appendEvents([
        row('c-1', 1, opened()),
        row('c-1', 2, { type: 'viewer-message', text: 'how do i buy coins', channel: 'text', at: at(2) }),
        row('c-1', 3, agentMessage(3)),
        row('c-1', 4, agentMessage(4, [])),
        row('c-1', 5, agentMessage(5, ['coins.top-up'])),
        row('c-2', 1, opened()),
        row('c-2', 2, agentMessage(2, ['coins.top-up', 'coins.refund'])),
      ]);
      const answers = await source.knowledgeAnswersSince(0, 10);
      expect(answers.map(({ conversationId, sequence }) => [conversationId, sequence])).toEqual([
        ['c-1', 5],
        ['c-2', 2],
      ]);
      const [first, second] = answers;
      expect(first!.eventId).toBeLessThan(second!.eventId);
      expect(await source.latestEventId()).toBe(second!.eventId);
      expect(await source.knowledgeAnswersSince(first!.eventId, 10)).toEqual([second]);
      expect(await source.knowledgeAnswersSince(0, 1)).toEqual([first]);
      expect(await source.knowledgeAnswersSince(second!.eventId, 10)).toEqual([]);
    });

    it("reads a conversation's events through a sequence, validated, leaving out types it does not know", async () => {
      await harness.appendEvents([
        row('c-1', 1, opened()),
        row('c-1', 2, { type: 'viewer-message', text: 'how do i buy coins', channel: 'text', at: at(2) }),
        row('c-1', 3, { type: 'written-by-a-newer-version', at: at(3) }),
        row('c-1', 4, agentMessage(4, ['coins.top-up'])),
        row('c-1', 5, agentMessage(5)),
        row('c-2', 1, opened()),
      ]);
      expect(await source.conversationEvents('c-1', 4)).toEqual([
        { sequence: 1, at: at(1), event: opened() },
        {
          sequence: 2,
          at: at(2),
          event: { type: 'viewer-message', text: 'how do i buy coins', channel: 'text', at: at(2) },
        },
        { sequence: 4, at: at(4), event: agentMessage(4, ['coins.top-up']) },
      ]);
      expect((await source.conversationEvents('c-2', 100)).map((each) => each.sequence)).toEqual([1]);
    });
  });
}

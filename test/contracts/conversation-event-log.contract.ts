import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { ConversationState } from '../../engine/conversation/conversation-state.js';
import type { ConversationEventLog } from '../../engine/ports.js';

/** A row written beside the log, as another program (or a corrupted disk) would. */
export interface RawEventRow {
  conversationId: string;
  sequence: number;
  type: string;
  at: string;
  /** The stored body, as JSON text. */
  body: string;
}

export interface ConversationEventLogHarness {
  log: ConversationEventLog<ConversationEvent>;
  /**
   * A new log on the same storage, as after a restart. The log it replaces is no longer used; the harness
   * closes what it opened in `cleanup`.
   */
  reopen(): Promise<ConversationEventLog<ConversationEvent>>;
  /** Rows stored, counted beside the log. */
  countRows(): Promise<number>;
  insertRaw(row: RawEventRow): Promise<void>;
  cleanup(): Promise<void>;
}

const AT = '2026-06-01T12:00:00.000Z';

const viewerSays = (text: string, at = AT): ConversationEvent => ({
  type: 'viewer-message',
  text,
  channel: 'text',
  at,
});

const textOf = (event: ConversationEvent): string => (event.type === 'viewer-message' ? event.text : '');

/**
 * What every ConversationEventLog promises, for each adapter:
 * `runConversationEventLogContract('sqlite', async () => ({ log, reopen, countRows, insertRaw, cleanup }))`.
 */
export function runConversationEventLogContract(
  name: string,
  createHarness: () => Promise<ConversationEventLogHarness>,
): void {
  describe(`ConversationEventLog contract: ${name}`, () => {
    let harness: ConversationEventLogHarness;
    let log: ConversationEventLog<ConversationEvent>;

    beforeEach(async () => {
      harness = await createHarness();
      log = harness.log;
    });

    afterEach(async () => {
      await harness.cleanup();
    });

    it('numbers events per conversation, reads them back after a reopen and carries on numbering', async () => {
      await log.append('c1', '2026-06-01T12:00:00.000Z', viewerSays('你好'));
      await log.append('c2', '2026-06-01T12:00:01.000Z', {
        type: 'turn-start',
        turnId: 't1',
        question: 'hi',
      });
      const stored = await log.append('c1', '2026-06-01T12:00:02.000Z', {
        type: 'state-change',
        from: 'ai',
        to: 'pending_human',
        reason: 'anger',
        at: '2026-06-01T12:00:02.000Z',
      });
      expect(stored).toMatchObject({ conversationId: 'c1', sequence: 2, at: '2026-06-01T12:00:02.000Z' });

      const again = await harness.reopen();
      const events = await again.read('c1');
      expect(events.map((event) => [event.sequence, event.at, event.event.type])).toEqual([
        [1, '2026-06-01T12:00:00.000Z', 'viewer-message'],
        [2, '2026-06-01T12:00:02.000Z', 'state-change'],
      ]);
      expect(events[0]?.event).toEqual(viewerSays('你好'));
      expect((await again.read('c1', { afterSequence: 1 })).map((event) => event.sequence)).toEqual([2]);
      expect((await again.append('c1', AT, viewerSays('again'))).sequence).toBe(3);
      expect((await again.append('c3', AT, viewerSays('new'))).sequence).toBe(1);
    });

    it('reads a page after a sequence, at most `limit` events, and nothing for an unknown conversation', async () => {
      for (let index = 1; index <= 7; index += 1) await log.append('c1', AT, viewerSays(`m${index}`));
      const page = await log.read('c1', { afterSequence: 2, limit: 3 });
      expect(page.map((event) => [event.sequence, textOf(event.event)])).toEqual([
        [3, 'm3'],
        [4, 'm4'],
        [5, 'm5'],
      ]);
      expect(await log.read('c1', { afterSequence: 7 })).toEqual([]);
      expect(await log.read('missing')).toEqual([]);
    });

    it('stores a burst of appends in call order, all committed before the first one resolves', async () => {
      const appends = Array.from({ length: 300 }, (_, index) =>
        log.append(`c${index % 3}`, AT, viewerSays(`message ${index}`)),
      );
      const rowsWhenFirstResolved = await appends[0]!.then(() => harness.countRows());
      expect(rowsWhenFirstResolved).toBe(300);
      const stored = await Promise.all(appends);
      expect(stored.filter((event) => event.conversationId === 'c1').map((event) => event.sequence)).toEqual(
        Array.from({ length: 100 }, (_, index) => index + 1),
      );
      const texts = (await log.read('c2')).map((event) => textOf(event.event));
      expect(texts.slice(0, 3)).toEqual(['message 2', 'message 5', 'message 8']);
    });

    it('numbers concurrent appends to many conversations without gaps or repeats', async () => {
      const conversations = 400;
      const rounds = 5;
      const appends: Promise<unknown>[] = [];
      // Later rounds are appended while earlier ones are still being committed.
      for (let round = 1; round <= rounds; round += 1) {
        for (let index = 0; index < conversations; index += 1) {
          appends.push(log.append(`conversation-${index}`, AT, viewerSays(`round ${round}`)));
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
      await Promise.all(appends);
      expect(await harness.countRows()).toBe(conversations * rounds);
      for (const index of [0, 137, conversations - 1]) {
        const events = await log.read(`conversation-${index}`);
        expect(events.map((event) => [event.sequence, textOf(event.event)])).toEqual(
          Array.from({ length: rounds }, (_, round) => [round + 1, `round ${round + 1}`]),
        );
      }
    });

    it('lists conversations by the state their latest change went to, oldest change first', async () => {
      const change = async (
        conversationId: string,
        from: ConversationState,
        to: ConversationState,
        at: string,
      ): Promise<void> => {
        await log.append(conversationId, at, { type: 'state-change', from, to, reason: 'test', at });
      };
      await change('waiting-long', 'ai', 'pending_human', '2026-06-01T12:00:01.000Z');
      await change('served', 'ai', 'pending_human', '2026-06-01T12:00:02.000Z');
      await change('served', 'pending_human', 'human', '2026-06-01T12:00:05.000Z');
      await change('requeued', 'ai', 'pending_human', '2026-06-01T12:00:00.000Z');
      await change('requeued', 'pending_human', 'human', '2026-06-01T12:00:03.000Z');
      await change('requeued', 'human', 'pending_human', '2026-06-01T12:00:04.000Z');
      await change('closed', 'ai', 'closed', '2026-06-01T12:00:06.000Z');
      // Later events that are not state changes leave the state as it was.
      await log.append('served', '2026-06-01T12:00:07.000Z', {
        type: 'agent-message',
        agentId: 'agent-ann',
        text: '你好',
        at: '2026-06-01T12:00:07.000Z',
      });
      await log.append(
        'never-escalated',
        '2026-06-01T12:00:08.000Z',
        viewerSays('hi', '2026-06-01T12:00:08.000Z'),
      );

      const again = await harness.reopen();
      expect(await again.conversationsInState?.(['pending_human', 'human'])).toEqual([
        { conversationId: 'waiting-long', state: 'pending_human', at: '2026-06-01T12:00:01.000Z' },
        { conversationId: 'requeued', state: 'pending_human', at: '2026-06-01T12:00:04.000Z' },
        { conversationId: 'served', state: 'human', at: '2026-06-01T12:00:05.000Z' },
      ]);
      expect((await again.conversationsInState?.(['closed']))?.map((row) => row.conversationId)).toEqual([
        'closed',
      ]);
      expect(await again.conversationsInState?.([])).toEqual([]);
    });

    it('refuses a stored event that no longer validates', async () => {
      await harness.insertRaw({
        conversationId: 'c1',
        sequence: 1,
        type: 'turn-end',
        at: 'x',
        body: '{"type":"turn-end"}',
      });
      await expect(log.read('c1')).rejects.toBeDefined();
    });
  });
}

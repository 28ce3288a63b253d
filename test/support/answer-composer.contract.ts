import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerComposer, ComposerEvent } from '../../engine/ports.js';
import { LivedeskError } from '../../knowledge/errors.js';
import { composeRequest } from './compose-request-fixtures.js';
import { collectEvents } from './scripted-answer-composer.js';

export interface AnswerComposerUnderTest {
  composer: AnswerComposer;
  /**
   * Arranges the next answer: at least two text deltas, citing `citedId` (one of the request's
   * entries), with `slow` pauses between deltas so an abort can land mid-stream. No-op for
   * composers whose answer is fixed (they must still give two or more deltas for the fixtures).
   */
  prepareAnswer(options: { citedId: string; slow: boolean }): void;
  cleanup?: () => Promise<void>;
}

/**
 * What every AnswerComposer promises (engine/ports.ts): text deltas, then one `citations` naming
 * only entries of the request, then `finish` last; an abort ends the stream with LivedeskError
 * 'aborted' and no text after it. Register it from a test file with a factory.
 */
export function runAnswerComposerContract(
  name: string,
  createComposer: () => Promise<AnswerComposerUnderTest>,
): void {
  describe(`${name} (AnswerComposer contract)`, () => {
    let underTest: AnswerComposerUnderTest;

    beforeAll(async () => {
      underTest = await createComposer();
    });

    afterAll(async () => {
      await underTest.cleanup?.();
    });

    it('has an id', () => {
      expect(underTest.composer.id).toMatch(/\S/);
    });

    it('answers with text, then one citations event of given entries, then finish', async () => {
      const request = composeRequest();
      underTest.prepareAnswer({ citedId: request.entries[0]?.entry.id ?? '', slow: false });
      const { events, error, text } = await collectEvents(underTest.composer.compose(request, {}));
      expect(error).toBeUndefined();
      expect(text.trim()).not.toBe('');
      const kinds = events.map((event) => event.type);
      expect(kinds.at(-1)).toBe('finish');
      expect(kinds.filter((kind) => kind === 'citations')).toHaveLength(1);
      expect(kinds.indexOf('citations')).toBeGreaterThan(kinds.lastIndexOf('text-delta'));
      const citations = events.find((event) => event.type === 'citations');
      const given = request.entries.map(({ entry }) => entry.id);
      for (const id of citations?.type === 'citations' ? citations.entryIds : []) expect(given).toContain(id);
    });

    it('throws an abort error, and yields nothing, for a signal that already fired', async () => {
      underTest.prepareAnswer({ citedId: 'coins.top-up', slow: false });
      const { events, error } = await collectEvents(
        underTest.composer.compose(composeRequest(), { signal: AbortSignal.abort() }),
      );
      expect(events).toEqual([]);
      expect(error).toBeInstanceOf(LivedeskError);
      expect(error).toMatchObject({ code: 'aborted' });
    });

    it('stops with an abort error and no more text once aborted mid-answer', async () => {
      underTest.prepareAnswer({ citedId: 'coins.top-up', slow: true });
      const controller = new AbortController();
      const after: ComposerEvent[] = [];
      let aborted = false;
      const error = await (async () => {
        for await (const event of underTest.composer.compose(composeRequest(), {
          signal: controller.signal,
        })) {
          if (aborted) after.push(event);
          if (event.type === 'text-delta' && !aborted) {
            aborted = true;
            controller.abort();
          }
        }
      })().catch((caught: unknown) => caught);
      expect(aborted).toBe(true);
      expect(after).toEqual([]);
      expect(error).toBeInstanceOf(LivedeskError);
      expect(error).toMatchObject({ code: 'aborted' });
    });
  });
}

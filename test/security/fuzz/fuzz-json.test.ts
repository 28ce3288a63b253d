import { describe, expect, it } from 'vitest';
import { mutateJson, writeJson } from './fuzz-json.js';
import { FuzzRandom } from './fuzz-random.js';

describe('fuzz JSON mutations', () => {
  it('always serialise to text, even when a mutation writes a "__proto__" key', () => {
    const frame = { type: 'reply', conversationId: 'c1', text: 'hi', clientMessageId: 'm1' };
    let protoKeys = 0;
    // Seed 90 once set a RawToken as the copy's prototype, and the frame's `text: true` was "written".
    for (let seed = 0; seed < 400; seed++) {
      const random = new FuzzRandom(seed);
      for (let round = 0; round < 20; round++) {
        const written = writeJson(mutateJson(random, frame, ['reply', 'watch']));
        expect(typeof written).toBe('string');
        if (written.includes('"__proto__":')) protoKeys += 1;
      }
    }
    expect(protoKeys).toBeGreaterThan(0);
  });
});

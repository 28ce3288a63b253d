import { describe, expect, it } from 'vitest';
import { findIntensityCues, IntensityConfigSchema } from './intensity-cues.js';
import { prepareSignalText } from './signal-text.js';

const config = IntensityConfigSchema.parse({});
const cues = (text: string) =>
  findIntensityCues(prepareSignalText(text), config).map((cue) => `${cue.name}:${cue.match}`);

describe('intensity cues', () => {
  it('counts runs of exclamation marks, full-width ones included', () => {
    expect(cues('where is it!!!')).toEqual(['exclamation-run:!!!']);
    expect(cues('怎么还没到！！！')).toEqual(['exclamation-run:!!!']);
    expect(cues('thanks!')).toEqual([]);
  });

  it('counts the indignant ?! and impatient ???', () => {
    expect(cues('seriously?!')).toEqual(['question-exclamation:?!']);
    expect(cues('到账了吗？？？')).toEqual(['question-run:???']);
  });

  it('counts shouted words but not acronyms or placeholders', () => {
    expect(cues('WHERE is my GIFT')).toEqual(['all-caps:WHERE', 'all-caps:GIFT']);
    expect(cues('my VIP status on TV, ask [NAME]')).toEqual([]);
  });

  it('counts stretched letters but not laughter', () => {
    expect(cues('whyyyy')).toEqual(['repeated-character:yyyy']);
    expect(cues('哈哈哈哈 hahaha')).toEqual([]);
  });

  it('lets a deployment switch a cue off with a zero weight', () => {
    const quiet = IntensityConfigSchema.parse({ exclamationRun: { weight: 0 } });
    expect(findIntensityCues(prepareSignalText('no!!!'), quiet)).toEqual([]);
  });
});

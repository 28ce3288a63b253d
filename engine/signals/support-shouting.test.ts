import { describe, expect, it } from 'vitest';
import { prepareSignalText } from './signal-text.js';
import { findShouting } from './support-shouting.js';

const names = (text: string) => findShouting(prepareSignalText(text)).map((cue) => cue.name);

describe('shouting at support', () => {
  it('hears a grievance in capitals', () => {
    expect(names('WHERE IS MY REFUND')).toEqual(['shouting']);
  });

  it('hears a demand with urgency and exclamation marks', () => {
    expect(names('退款！！！立刻！！！')).toEqual(['demand']);
    expect(names('fix it now!!')).toEqual(['demand']);
  });

  it.each(['GO CARDINALS GO!!!', 'WHAT A TWIST', 'OMG', '马上开播了!', 'where is my refund'])(
    'leaves "%s" alone',
    (text) => {
      expect(names(text)).toEqual([]);
    },
  );
});

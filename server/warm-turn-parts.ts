import type { TurnDependencies } from '../engine/turn/turn-context.js';

/** A few messages in each script and shape a viewer may send first. */
const SAMPLES = [
  '怎么充值金币？',
  '儲值沒到帳，轉人工',
  'how do I top up coins',
  'zhuan rengong',
  'my gift NEVER ARRIVED!!!',
  '666',
];

const WARM_UP_VIEWER = { viewerId: 'warm-up', tier: 'regular', locale: 'zh' } as const;

/**
 * Reads a few messages through the turn's language and signal parts once, at start. They build their
 * tables on first use (opencc's phrase tables, pinyin dictionaries: tens of milliseconds each), which
 * would otherwise stall the event loop under the first viewers' questions, in the middle of a spike.
 */
export function warmTurnParts(
  dependencies: Pick<TurnDependencies, 'languageIdentifier' | 'traditionalChinese' | 'detectSignals'>,
): void {
  for (const text of SAMPLES) {
    dependencies.languageIdentifier?.identify(text);
    dependencies.traditionalChinese?.toTraditional(text);
    dependencies.detectSignals({ text, history: [], profile: WARM_UP_VIEWER });
  }
}

import type { SignalText } from './signal-text.js';

const LATIN_WORD = /\p{Script=Latin}+/gu;
const URGENCY =
  /立刻|立即|马上|赶紧|赶快|现在就|速度|快点|\b(?:now|immediately|right now|asap|at once|today)\b/u;
const EXCLAMATIONS = /[!！]{2,}/u;
// Capitals are also how fans cheer ("GO CARDINALS!!!", "WHAT A TWIST"): shouting at support names what
// went wrong or demands something.
const GRIEVANCE =
  /\b(?:why|where|refund|money|banned|ban|charged|charge|fix|still|never|nobody|scam|account|order|coins?|payment|paid|deleted|locked|stolen|cancel|answer|help)\b/i;

export interface ShoutingCue {
  name: 'shouting' | 'demand';
  match: string;
}

/**
 * How viewers shout at support, which the anger lexicons (tuned on social media) read too softly: a
 * whole message in capitals ("WHERE IS MY REFUND"), and a demand with urgency and exclamation marks
 * ("退款！！！立刻！！！").
 */
export function findShouting(text: SignalText): ShoutingCue[] {
  const cues: ShoutingCue[] = [];
  const words = text.raw.match(LATIN_WORD) ?? [];
  const letters = words.join('');
  const capitals = letters.replace(/[^\p{Lu}]/gu, '').length;
  if (
    words.length >= 3 &&
    letters.length >= 10 &&
    capitals / letters.length >= 0.8 &&
    GRIEVANCE.test(text.raw)
  )
    cues.push({ name: 'shouting', match: text.raw.slice(0, 60) });
  const base = text.simplified ?? text.folded;
  const urgent = URGENCY.exec(base);
  if (urgent && EXCLAMATIONS.test(text.raw)) cues.push({ name: 'demand', match: urgent[0] });
  return cues;
}

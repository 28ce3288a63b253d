import type { SignalText } from './signal-text.js';

const LATIN_WORD = /\p{Script=Latin}+/gu;
const URGENCY =
  /立刻|立即|马上|赶紧|赶快|现在就|速度|快点|\b(?:now|immediately|right now|asap|at once|today)\b/u;
const EXCLAMATIONS = /[!！]{2,}/u;
// Capitals are also how fans cheer ("GO CARDINALS!!!", "WHAT A TWIST"): shouting at support names what
// went wrong or demands something.
const GRIEVANCE =
  /\b(?:why|where|refund|money|banned|ban|charged|charge|fix|still|never|nobody|scam|account|order|coins?|payment|paid|deleted|locked|stolen|cancel|answer|help)\b/i;

const HEATED_PUNCTUATION = /[!！]{3,}|[?？]{3,}|[!！?？]{4,}/u;
const MONEY_GRIEVANCE =
  /扣(?:钱|费|了|我)|没到账|不到账|没看到|没收到|白充|白刷|乱扣|吞了|消失|不见了|退款|退钱|\b(?:never\s+arrived|never\s+came|gone|charged|missing|stolen|refund|lost|disappeared)\b/iu;

export interface ShoutingCue {
  name: 'shouting' | 'demand' | 'heated-grievance';
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
  // Money or a purchase gone wrong, said with a run of ！！！ or ？？？ or words in capitals: "扣钱！！！！",
  // "my gift NEVER ARRIVED and the coins are GONE".
  const grievance = MONEY_GRIEVANCE.exec(base);
  const shoutedWords = words.filter((word) => word.length >= 3 && word === word.toUpperCase()).length;
  if (cues.length === 0 && grievance && (HEATED_PUNCTUATION.test(text.raw) || shoutedWords >= 2))
    cues.push({ name: 'heated-grievance', match: grievance[0] });
  return cues;
}

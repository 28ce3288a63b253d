import type { VoiceConfig } from './voice-config.js';

export type SpeechKind = 'backchannel' | 'too-short' | 'interruption';

const HAN = /\p{Script=Han}/gu;
const NOISE = /[\s\p{P}\p{S}]+/gu;

/** Words in speech: Latin words plus one per Han character. */
export function countWords(text: string): number {
  const han = text.match(HAN)?.length ?? 0;
  const latin = text
    .replace(HAN, ' ')
    .split(/[^\p{L}\p{N}']+/u)
    .filter(Boolean).length;
  return han + latin;
}

/** Whether a word is a run of acknowledgements: "嗯嗯嗯", "好的好的", "对对对". */
function isMadeOf(word: string, phrases: ReadonlySet<string>): boolean {
  const reachable = [true, ...Array.from({ length: word.length }, () => false)];
  for (let end = 1; end <= word.length; end++) {
    for (let start = 0; start < end && !reachable[end]; start++) {
      if (reachable[start] && phrases.has(word.slice(start, end))) reachable[end] = true;
    }
  }
  return reachable[word.length] === true;
}

/**
 * Whether words heard while the assistant speaks take the floor. Acknowledgements ("嗯", "uh-huh") and
 * noise never do; short speech does once it has enough words or lasts long enough.
 */
export function classifySpeech(
  text: string,
  durationMs: number | undefined,
  config: VoiceConfig,
): SpeechKind {
  const words = text.toLowerCase().replace(NOISE, ' ').trim();
  if (words === '') return 'too-short';
  const backchannels = new Set(config.backchannels.map((phrase) => phrase.toLowerCase()));
  const isBackchannel =
    backchannels.has(words) || words.split(' ').every((word) => isMadeOf(word, backchannels));
  if (isBackchannel && (durationMs === undefined || durationMs <= config.backchannelMaxDurationMs))
    return 'backchannel';
  if (countWords(words) >= config.minInterruptionWords) return 'interruption';
  if (durationMs !== undefined && durationMs >= config.minInterruptionDurationMs && !isBackchannel)
    return 'interruption';
  return 'too-short';
}

import { z } from 'zod';
import type { SignalText } from './signal-text.js';

const WeightSchema = z.number().min(0).max(1);

/** Written in capitals anyway: not shouting. */
// prettier-ignore
const ACRONYMS = [
  'OK', 'OKAY', 'LOL', 'LMAO', 'OMG', 'USA', 'TV', 'VIP', 'SVIP', 'APP', 'IOS', 'FAQ', 'CEO', 'NBA', 'NFL', 'FYI',
  'ASAP', 'DIY', 'GIF', 'URL', 'PDF', 'VPN', 'DM', 'PK', 'NPC', 'BGM', 'MVP', 'LIVE', 'USD', 'RMB', 'CNY', 'ID',
  'PM', 'AM', 'UK', 'EU', 'UN', 'NYC', 'BBC', 'CNN', 'FBI', 'CIA', 'NASA', 'HTTP', 'HTTPS', 'WWW', 'AI', 'PS', 'IMO',
  'IMHO', 'TBH', 'BTW', 'IDK', 'RIP', 'GOAT', 'MLB', 'NHL', 'UFC', 'WWE', 'GOP', 'POTUS', 'NSFW', 'TIL', 'AMA', 'OP',
  'EDIT', 'UPDATE', 'PSA',
];

export const IntensityConfigSchema = z.object({
  /** "!!", "!!!" (full-width ！ included). */
  exclamationRun: z
    .object({ weight: WeightSchema.default(0.1), minLength: z.number().int().min(2).max(10).default(2) })
    .prefault({}),
  /** "???" impatience. */
  questionRun: z
    .object({ weight: WeightSchema.default(0.25), minLength: z.number().int().min(2).max(10).default(3) })
    .prefault({}),
  /** "?!", "!?": the indignant question. */
  questionExclamation: z.object({ weight: WeightSchema.default(0.25) }).prefault({}),
  /** Shouted words: all capitals, at least `minLetters` long, each one a cue. */
  allCaps: z
    .object({
      weight: WeightSchema.default(0.1),
      minLetters: z.number().int().min(2).max(10).default(3),
      /** Acronyms and shorthands that are written in capitals anyway. */
      ignore: z.array(z.string().min(1)).default([...ACRONYMS]),
    })
    .prefault({}),
  /** "sooo", "啊啊啊": stretched characters; laughter is not counted. */
  repeatedCharacter: z
    .object({
      weight: WeightSchema.default(0.25),
      minRun: z.number().int().min(2).max(10).default(3),
      ignore: z
        .array(z.string().length(1))
        .default(['哈', '呵', '嘻', '嘿', 'h', 'a', 'e', 'w', 'z', '2', '3', '6', '0', '.']),
    })
    .prefault({}),
});
export type IntensityConfig = z.infer<typeof IntensityConfigSchema>;

export type IntensityCueName =
  'exclamation-run' | 'question-run' | 'question-exclamation' | 'all-caps' | 'repeated-character';

export interface IntensityCue {
  name: IntensityCueName;
  match: string;
  weight: number;
}

// Not inside brackets: "[NAME]" is a placeholder, not shouting.
const CAPS_WORD = /(?<![\p{Script=Latin}[])[A-Z][A-Z']*(?![\p{Script=Latin}\]])/gu;
const QUESTION_EXCLAMATION = /[?!]*(?:\?!|!\?)[?!]*/gu;
// A Latin run counts inside a longer word ("whyyy"), not as the whole word ("bbb", "www"); Han runs
// ("啊啊啊") always count.
const REPEATED =
  /(?<=\p{Script=Latin})(\p{Script=Latin})\1+|(\p{Script=Latin})\2+(?=\p{Script=Latin})|([^\p{Script=Latin}\P{L}]|\p{N})\3+/gu;

function runs(text: string, character: '!' | '?', minLength: number): string[] {
  const escaped = character === '?' ? '\\?' : '!';
  const pattern = new RegExp(`(?<![?!])${escaped}{${minLength},}(?![?!])`, 'gu');
  return [...text.matchAll(pattern)].map((match) => match[0]);
}

/** Typography of shouting, each occurrence a cue: "!!!", "?!", "WHY", "sooo". */
export function findIntensityCues(text: SignalText, config: IntensityConfig): IntensityCue[] {
  const cues: IntensityCue[] = [];
  const add = (name: IntensityCueName, matches: Iterable<string>, weight: number) => {
    if (weight > 0) for (const match of matches) cues.push({ name, match, weight });
  };
  add('exclamation-run', runs(text.raw, '!', config.exclamationRun.minLength), config.exclamationRun.weight);
  add('question-run', runs(text.raw, '?', config.questionRun.minLength), config.questionRun.weight);
  add(
    'question-exclamation',
    [...text.raw.matchAll(QUESTION_EXCLAMATION)].map((match) => match[0]),
    config.questionExclamation.weight,
  );
  const acronyms = new Set(config.allCaps.ignore.map((word) => word.toUpperCase()));
  const shouted = [...text.raw.matchAll(CAPS_WORD)]
    .map((match) => match[0].replace(/'+$/u, ''))
    .filter((word) => word.replace(/'/gu, '').length >= config.allCaps.minLetters && !acronyms.has(word));
  add('all-caps', shouted, config.allCaps.weight);
  const ignored = new Set(config.repeatedCharacter.ignore.map((character) => character.toLowerCase()));
  const stretched = [...text.raw.toLowerCase().matchAll(REPEATED)]
    .map((match) => match[0])
    .filter((run) => [...run].length >= config.repeatedCharacter.minRun && !ignored.has(run.charAt(0)));
  add('repeated-character', stretched, config.repeatedCharacter.weight);
  return cues;
}

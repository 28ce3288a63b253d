import { z } from 'zod';
import { allMatches } from './all-matches.js';
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

function runPattern(character: '!' | '?', minLength: number): RegExp {
  const escaped = character === '?' ? '\\?' : '!';
  return new RegExp(`(?<![?!])${escaped}{${minLength},}(?![?!])`, 'gu');
}

const matched = (regex: RegExp, text: string): string[] => allMatches(regex, text).map((match) => match[0]);

/** Finds the typography of shouting in one message; compile once per config, use per message. */
export interface IntensityCueFinder {
  find(text: SignalText): IntensityCue[];
}

/** The patterns and word sets a config asks for, built once rather than on every message. */
export function createIntensityCueFinder(config: IntensityConfig): IntensityCueFinder {
  const exclamationRun = runPattern('!', config.exclamationRun.minLength);
  const questionRun = runPattern('?', config.questionRun.minLength);
  const acronyms = new Set(config.allCaps.ignore.map((word) => word.toUpperCase()));
  const ignored = new Set(config.repeatedCharacter.ignore.map((character) => character.toLowerCase()));
  return {
    find(text) {
      const cues: IntensityCue[] = [];
      const add = (name: IntensityCueName, matches: Iterable<string>, weight: number) => {
        if (weight > 0) for (const match of matches) cues.push({ name, match, weight });
      };
      add('exclamation-run', matched(exclamationRun, text.raw), config.exclamationRun.weight);
      add('question-run', matched(questionRun, text.raw), config.questionRun.weight);
      add('question-exclamation', matched(QUESTION_EXCLAMATION, text.raw), config.questionExclamation.weight);
      const shouted = matched(CAPS_WORD, text.raw)
        .map((word) => word.replace(/'+$/u, ''))
        .filter((word) => word.replace(/'/gu, '').length >= config.allCaps.minLetters && !acronyms.has(word));
      add('all-caps', shouted, config.allCaps.weight);
      const stretched = matched(REPEATED, text.raw.toLowerCase()).filter(
        (run) => [...run].length >= config.repeatedCharacter.minRun && !ignored.has(run.charAt(0)),
      );
      add('repeated-character', stretched, config.repeatedCharacter.weight);
      return cues;
    },
  };
}

/** Typography of shouting, each occurrence a cue: "!!!", "?!", "WHY", "sooo". Compiles `config` each call. */
export function findIntensityCues(text: SignalText, config: IntensityConfig): IntensityCue[] {
  return createIntensityCueFinder(config).find(text);
}

import { z } from 'zod';
import {
  ANGER_IGNORE,
  ANGER_WORDS,
  ANNOYANCE,
  ANGRY_EMOJI,
  BLAME,
  CALM,
  DIRECTED_ABUSE,
  HOSTILITY,
  COMPLAINT_PATTERNS,
  COMPLAINTS,
  INSULTS,
  LAUGHTER,
  MILD_PROFANITY,
  OTHER_FEELINGS,
  PINYIN_PROFANITY,
  REJECTED_POLITENESS,
  STRONG_PROFANITY,
  THREATS,
  VIOLENCE,
} from './anger-lexicon.js';
import { IntensityConfigSchema } from './intensity-cues.js';
import { PatternSchema, PhraseSchema } from './phrase-list.js';

const WeightSchema = z.number().min(0).max(1);

interface CategoryDefaults {
  weight: number;
  terms: readonly string[];
  patterns?: readonly string[];
  negatable?: boolean;
  requiresHan?: boolean;
}

function category(defaults: CategoryDefaults) {
  return z
    .object({
      /** Evidence of one match, 0..1; matches combine as independent evidence (noisy-OR). */
      weight: WeightSchema.default(defaults.weight),
      terms: z.array(PhraseSchema).default([...defaults.terms]),
      /** Regular expressions, for what a list of phrases cannot say ("破手机", "破平台"). */
      patterns: z.array(PatternSchema).default([...(defaults.patterns ?? [])]),
      /** A negation just before it cancels a match: "not angry", "没生气". */
      negatable: z.boolean().default(defaults.negatable ?? false),
      /** Counts only in text with Han characters (pinyin abbreviations such as "sb"). */
      requiresHan: z.boolean().default(defaults.requiresHan ?? false),
    })
    .prefault({});
}

/**
 * Weights and thresholds were tuned on the dev splits of goemotions-anger-en, tweeteval-anger-en and
 * clue-emotion-anger-zh (docs/anger-benchmarks.md); the lists were written by hand.
 */
export const AngerConfigSchema = z.object({
  lexicon: z
    .object({
      directedAbuse: category({ weight: 0.6, terms: DIRECTED_ABUSE }),
      strongProfanity: category({ weight: 0.4, terms: STRONG_PROFANITY }),
      mildProfanity: category({ weight: 0.2, terms: MILD_PROFANITY }),
      pinyinProfanity: category({ weight: 0.4, terms: PINYIN_PROFANITY, requiresHan: true }),
      insult: category({ weight: 0.3, terms: INSULTS }),
      angerWord: category({ weight: 0.6, terms: ANGER_WORDS, negatable: true }),
      annoyance: category({ weight: 0.45, terms: ANNOYANCE, negatable: true }),
      hostility: category({ weight: 0.15, terms: HOSTILITY }),
      violence: category({ weight: 0.3, terms: VIOLENCE }),
      complaint: category({ weight: 0.3, terms: COMPLAINTS, patterns: COMPLAINT_PATTERNS }),
      blame: category({ weight: 0.4, terms: BLAME }),
      threat: category({ weight: 0.4, terms: THREATS }),
      rejectedPoliteness: category({ weight: 0.4, terms: REJECTED_POLITENESS }),
      angryEmoji: category({ weight: 0.4, terms: ANGRY_EMOJI }),
    })
    .prefault({}),
  /** Each dampener found scales the score by (1 - weight): laughter, calm asking, other feelings. */
  dampeners: z
    .object({
      laughter: category({ weight: 0.1, terms: LAUGHTER }),
      calm: category({ weight: 0.35, terms: CALM }),
      otherFeelings: category({ weight: 0.3, terms: OTHER_FEELINGS, negatable: true }),
    })
    .prefault({}),
  /** Masked before matching: everyday words that contain a cue ("垃圾分类", "kick ass"). */
  ignore: z.array(PhraseSchema).default([...ANGER_IGNORE]),
  negation: z
    .object({
      words: z
        .array(z.string().min(1))
        .default([
          'not',
          'no',
          'never',
          'without',
          'hardly',
          'nor',
          'neither',
          'dont',
          'doesnt',
          'didnt',
          'isnt',
          'arent',
          'wasnt',
          'cant',
          'cannot',
          'wont',
          'aint',
        ]),
      /** English: negators (and any word ending in n't) this many words back, within the clause. */
      windowWords: z.number().int().min(1).max(6).default(3),
      characters: z.array(z.string().length(1)).default(['不', '没', '别', '未', '无', '非', '莫', '勿']),
      /** Chinese: negators this many characters back, within the clause. */
      windowCharacters: z.number().int().min(1).max(6).default(3),
    })
    .prefault({}),
  /**
   * An insult or complaint aimed at the listener ("you idiot", "you're useless", "你这个骗子") counts
   * with this weight instead of its own.
   */
  directed: z
    .object({
      weight: WeightSchema.default(0.45),
      categories: z.array(z.string().min(1)).default(['insult', 'complaint']),
      words: z
        .array(z.string().min(1))
        .default(['you', 'youre', 'your', 'yourself', 'ur', 'u', 'yall', 'ya']),
      windowWords: z.number().int().min(1).max(6).default(3),
      characters: z.array(z.string().length(1)).default(['你', '您']),
      windowCharacters: z.number().int().min(1).max(8).default(4),
    })
    .prefault({}),
  intensity: IntensityConfigSchema.prefault({}),
  /** The n-th match of the same kind adds weight × decay^(n-1): the tenth swear word adds little. */
  repeatDecay: z.number().min(0).max(1).default(0.3),
  /**
   * Angry when the raw score is at or above this, by the message's language (Chinese by script); the
   * reported score is calibrated so this maps to 0.5. Chosen on the dev splits (best mean F1 per language).
   */
  threshold: z.object({ zh: WeightSchema.default(0.24), en: WeightSchema.default(0.362) }).prefault({}),
});
export type AngerConfig = z.infer<typeof AngerConfigSchema>;
export type AngerConfigInput = z.input<typeof AngerConfigSchema>;

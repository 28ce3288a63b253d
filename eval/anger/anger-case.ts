import { z } from 'zod';

/** One line of the anger sets in ../shared/eval-data: `{"text", "angry", "label"}`. */
export const AngerCaseSchema = z.object({
  text: z.string(),
  angry: z.boolean(),
  label: z.string().optional(),
});
export type AngerCase = z.infer<typeof AngerCaseSchema>;

export interface AngerSet {
  name: string;
  language: 'zh' | 'en';
  /** Test-split F1 of the naive keyword list in the set's README. */
  baselineTestF1: number;
}

export const ANGER_SETS: readonly AngerSet[] = [
  { name: 'goemotions-anger-en', language: 'en', baselineTestF1: 0.386 },
  { name: 'tweeteval-anger-en', language: 'en', baselineTestF1: 0.525 },
  { name: 'clue-emotion-anger-zh', language: 'zh', baselineTestF1: 0.253 },
];

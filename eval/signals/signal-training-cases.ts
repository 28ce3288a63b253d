import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { OTHER_SENSITIVE_SIGNAL } from '../../engine/signals/learned/signal-model.js';
import { parseJsonLines } from '../parse-json-lines.js';

/**
 * A labelled message for training the signals. Two formats are read: the eval case format (`text`,
 * `escalate`, `reason`, with `kind` or `category` naming a sensitive category) and the anger sets'
 * (`text`, `angry`).
 */
const TrainingLineSchema = z.object({
  text: z.string().trim().min(1, 'text may not be empty').max(2000),
  escalate: z.boolean().optional(),
  reason: z.string().min(1).max(64).optional(),
  kind: z.string().min(1).max(64).optional(),
  category: z
    .string()
    .regex(/^[a-z_]{2,40}$/)
    .optional(),
  angry: z.boolean().optional(),
});

export interface TrainingCase {
  text: string;
  /** A label for each signal this line speaks to. */
  labels: Map<string, boolean>;
}

/** The sensitive categories the suites' `kind`s stand for (engine/signals/sensitive-topics-lexicon.ts). */
const KIND_CATEGORIES: Readonly<Record<string, string>> = {
  'self-harm': 'safety',
  'threat-to-others': 'safety',
  'minor-spending': 'minor_spending',
  fraud: 'fraud',
  'off-platform-payment': 'off_platform_payment',
  harassment: 'harassment',
  'large-dispute': 'large_dispute',
};

export const TRAINABLE_CATEGORIES = [...new Set(Object.values(KIND_CATEGORIES))].sort();

function labelsOf(line: z.infer<typeof TrainingLineSchema>): Map<string, boolean> {
  const labels = new Map<string, boolean>();
  if (line.angry !== undefined) labels.set('anger', line.angry);
  if (line.escalate === undefined || line.reason === undefined) return labels;
  labels.set('anger', line.reason === 'anger');
  labels.set('human_request', line.reason === 'human_request');
  const category = line.category ?? (line.kind === undefined ? undefined : KIND_CATEGORIES[line.kind]);
  // Every sensitive matter but safety pooled: each category alone has too few examples to learn from,
  // together they teach what "needs a person's care" looks like (OTHER_SENSITIVE_SIGNAL).
  labels.set(OTHER_SENSITIVE_SIGNAL, line.reason === 'sensitive' && category !== 'safety');
  // A sensitive line without its category says nothing about any one category.
  if (line.reason === 'sensitive' && category === undefined) return labels;
  for (const name of TRAINABLE_CATEGORIES) labels.set(`sensitive:${name}`, category === name);
  return labels;
}

/** Parses one training file's text; a bad line stops it with its number. */
export function readTrainingCasesText(text: string, file: string): TrainingCase[] {
  return parseJsonLines(text, TrainingLineSchema, file).map((line) => ({
    text: line.text,
    labels: labelsOf(line),
  }));
}

/** Reads one training file; a bad line stops it with its number. */
export async function readTrainingCases(file: string): Promise<TrainingCase[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new Error(`cannot read ${file}`);
  }
  return readTrainingCasesText(text, file);
}

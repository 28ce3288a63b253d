import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EvalCaseSchema } from '../../eval/eval-case.js';
import { parseJsonLines } from '../../eval/parse-json-lines.js';
import { localizedViews, type Entry } from '../entry.js';
import { parseEntriesJsonl } from '../io/parse-entries-jsonl.js';

// Checks the hand-written matching cases and the starter knowledge base (README "Demo case splits"
// and "Starter knowledge base") so that an edit cannot silently break the dev/test rule or the labels.

const DEMO = import.meta.dirname;
const read = (file: string) => readFileSync(path.join(DEMO, file), 'utf8');
const lines = (file: string) => read(file).trim().split('\n');

const CaseSchema = EvalCaseSchema.extend({ locale: z.enum(['zh', 'en']), kind: z.string().min(1) });
type Case = z.infer<typeof CaseSchema>;
const readCases = (file: string): Case[] => parseJsonLines(read(file), CaseSchema, file);

function readEntries(file: string): Entry[] {
  const result = parseEntriesJsonl(read(file));
  if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.errors.slice(0, 3))}`);
  return result.entries;
}

/** Case, width-insensitive punctuation and spacing folded away: what "the same text" means here. */
const fold = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');

const demoKb = readEntries('demo-kb.jsonl');
const demoById = new Map(demoKb.map((entry) => [entry.id, entry]));
const allPhrasings = new Set(
  demoKb.flatMap((entry) => localizedViews(entry).flatMap((view) => view.questions.map(fold))),
);

function expectDisjointSplit(union: string[], dev: string[], test: string[]) {
  expect([...dev, ...test].sort()).toEqual([...union].sort());
  const devShare = dev.length / union.length;
  expect(devShare).toBeGreaterThan(0.35);
  expect(devShare).toBeLessThan(0.45);
}

/** Every locale × kind stratum gives dev about 40% of its cases (rounded), so both files hold every kind. */
function expectStratified(dev: Case[], test: Case[]) {
  const counts = new Map<string, { dev: number; test: number }>();
  for (const [file, cases] of [
    ['dev', dev],
    ['test', test],
  ] as const) {
    for (const item of cases) {
      const key = `${item.locale}|${item.kind}`;
      const count = counts.get(key) ?? { dev: 0, test: 0 };
      count[file] += 1;
      counts.set(key, count);
    }
  }
  for (const [key, count] of counts) {
    expect(count.dev, key).toBe(Math.round((count.dev + count.test) * 0.4));
  }
}

describe('demo matching cases', () => {
  const all = readCases('demo-cases.jsonl');
  const dev = readCases('demo-cases-dev.jsonl');
  const test = readCases('demo-cases-test.jsonl');

  it('keeps demo-cases.jsonl as exactly the union of the dev and test splits', () => {
    expectDisjointSplit(
      lines('demo-cases.jsonl'),
      lines('demo-cases-dev.jsonl'),
      lines('demo-cases-test.jsonl'),
    );
    expectStratified(dev, test);
  });

  it('expects only existing, unscoped entries, and null exactly for out-of-scope cases', () => {
    for (const item of all) {
      if (item.expected === null) {
        expect(item.kind, item.text).toBe('oos');
        continue;
      }
      expect(item.kind, item.text).not.toBe('oos');
      const entry = demoById.get(item.expected);
      expect(entry, item.expected).toBeDefined();
      expect(entry?.scope, item.expected).toBeUndefined();
    }
  });

  it('repeats no text and copies no entry phrasing', () => {
    const folded = all.map((item) => fold(item.text));
    expect(new Set(folded).size).toBe(folded.length);
    expect(folded.filter((text) => allPhrasings.has(text))).toEqual([]);
  });

  it('keeps enough out-of-scope cases in each language of the test split', () => {
    for (const locale of ['zh', 'en'] as const) {
      const inLocale = test.filter((item) => item.locale === locale);
      const outOfScope = inLocale.filter((item) => item.expected === null).length;
      expect(outOfScope / inLocale.length, locale).toBeGreaterThan(0.2);
    }
  });
});

describe('starter knowledge base', () => {
  const starter = readEntries('starter-kb.jsonl');

  it('holds 45 entries of the demo knowledge base, each in one language with three of its own phrasings', () => {
    expect(starter).toHaveLength(45);
    expect(new Set(starter.map((entry) => entry.id)).size).toBe(45);
    for (const entry of starter) {
      const source = demoById.get(entry.id);
      expect(source, entry.id).toBeDefined();
      expect(source?.scope, entry.id).toBeUndefined();
      expect(entry.translations, entry.id).toEqual({});
      const view = localizedViews(source!).find((candidate) => candidate.locale === entry.locale);
      expect(view, `${entry.id} has no ${entry.locale} view in demo-kb.jsonl`).toBeDefined();
      expect(entry.questions, entry.id).toHaveLength(3);
      for (const question of entry.questions) expect(view!.questions, entry.id).toContain(question);
      expect(entry.answer, entry.id).toBe(view!.answer);
    }
  });

  it('mixes the languages and covers every part of the platform', () => {
    const chinese = starter.filter((entry) => entry.locale === 'zh').length;
    expect(chinese / starter.length).toBeGreaterThan(0.4);
    expect(chinese / starter.length).toBeLessThan(0.6);
    for (const tag of ['show', 'commerce', 'social', 'general']) {
      expect(
        starter.some((entry) => entry.tags.includes(tag)),
        tag,
      ).toBe(true);
    }
  });
});

describe('starter cases', () => {
  const starter = readEntries('starter-kb.jsonl');
  const starterLocale = new Map(starter.map((entry) => [entry.id, entry.locale]));
  const dev = readCases('starter-cases-dev.jsonl');
  const test = readCases('starter-cases-test.jsonl');
  const all = [...dev, ...test];

  it('splits about 40/60, stratified by language and kind', () => {
    expect(all.length).toBeGreaterThanOrEqual(280);
    expectDisjointSplit(
      [...lines('starter-cases-dev.jsonl'), ...lines('starter-cases-test.jsonl')],
      lines('starter-cases-dev.jsonl'),
      lines('starter-cases-test.jsonl'),
    );
    expectStratified(dev, test);
  });

  it('labels the language relation and out-of-scope kinds truthfully', () => {
    for (const item of all) {
      if (item.expected === null) {
        expect(['oos', 'oos-uncovered'], item.text).toContain(item.kind);
        continue;
      }
      const entryLocale = starterLocale.get(item.expected);
      expect(entryLocale, `${item.expected} is not in starter-kb.jsonl`).toBeDefined();
      expect(item.kind, item.text).toBe(entryLocale === item.locale ? 'same-language' : 'cross-lingual');
    }
    // A question about a demo topic the starter base left out is out of scope for the starter base.
    for (const item of all.filter((candidate) => candidate.kind === 'oos-uncovered')) {
      expect(item.expected).toBeNull();
    }
  });

  it('has about a fifth out of scope and about a third of the answerable questions in the other language', () => {
    const outOfScope = all.filter((item) => item.expected === null).length;
    expect(outOfScope / all.length).toBeGreaterThan(0.15);
    expect(outOfScope / all.length).toBeLessThan(0.25);
    const answerable = all.filter((item) => item.expected !== null);
    const crossLingual = answerable.filter((item) => item.kind === 'cross-lingual').length;
    expect(crossLingual / answerable.length).toBeGreaterThan(0.28);
    expect(crossLingual / answerable.length).toBeLessThan(0.45);
  });

  it('asks about every starter entry in the test split', () => {
    const asked = new Set(test.map((item) => item.expected));
    expect(starter.filter((entry) => !asked.has(entry.id)).map((entry) => entry.id)).toEqual([]);
  });

  it('was written fresh: no repeats, no copies of the demo cases or of any entry phrasing', () => {
    const folded = all.map((item) => fold(item.text));
    expect(new Set(folded).size).toBe(folded.length);
    expect(folded.filter((text) => allPhrasings.has(text))).toEqual([]);
    const demoCases = new Set(readCases('demo-cases.jsonl').map((item) => fold(item.text)));
    expect(folded.filter((text) => demoCases.has(text))).toEqual([]);
  });
});

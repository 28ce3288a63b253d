// npx tsx bench/analytics/gap-threshold.ts: how well a cosine threshold on the builtin embedder's vectors
// separates "the same question" from "a different question", to choose DEFAULT_GAP_MIN_SIMILARITY
// (engine/analytics/knowledge-gaps.ts). Prints precision and recall of "same" per threshold on
// held-out question pairs: the demo eval cases (viewer wordings, paired by expected entry) and, when
// ../shared/eval-data is there, the bq-corpus-zh and clinc150 dev sets.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createBuiltinEmbedder } from '../../adapters/language/builtin-embedder.js';
import { parseEntriesJsonl, parseSynonymsJsonl } from '../../knowledge/io/index.js';
import { localizedViews } from '../../knowledge/entry.js';
import { createSeededRandom } from '../../test/support/seeded-random.js';

interface Pair {
  a: string;
  b: string;
  same: boolean;
}

const root = path.resolve(import.meta.dirname, '../..');
const evalData = path.resolve(root, '../shared/eval-data');
const read = (file: string) => readFileSync(file, 'utf8');
const lines = <T>(file: string): T[] =>
  read(file)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);

/** Every pair of cases with the same expected entry, and as many random pairs with different ones. */
function pairsByLabel(cases: readonly { text: string; label: string }[], seed: number, max = 4000): Pair[] {
  const random = createSeededRandom(seed);
  const same: Pair[] = [];
  const different: Pair[] = [];
  for (let first = 0; first < cases.length; first++)
    for (let second = first + 1; second < cases.length; second++) {
      const a = cases[first]!;
      const b = cases[second]!;
      (a.label === b.label ? same : different).push({ a: a.text, b: b.text, same: a.label === b.label });
    }
  const sample = (pairs: Pair[], count: number) =>
    pairs
      .map((pair) => ({ pair, order: random() }))
      .sort((x, y) => x.order - y.order)
      .slice(0, count)
      .map(({ pair }) => pair);
  const count = Math.min(max, same.length);
  return [...sample(same, count), ...sample(different, count)];
}

async function scores(
  pairs: readonly Pair[],
  corpus: readonly string[],
  synonyms = parseSynonyms(),
): Promise<number[]> {
  const embedder = createBuiltinEmbedder();
  await embedder.fit({ texts: corpus, synonyms });
  const texts = pairs.flatMap((pair) => [pair.a, pair.b]);
  const vectors = await embedder.embed(texts);
  return pairs.map((_, index) => {
    const a = vectors[index * 2]!;
    const b = vectors[index * 2 + 1]!;
    let dot = 0;
    for (let dimension = 0; dimension < a.length; dimension++) dot += a[dimension]! * b[dimension]!;
    return dot;
  });
}

function parseSynonyms() {
  const parsed = parseSynonymsJsonl(read(path.join(root, 'knowledge/demo/demo-synonyms.jsonl')));
  return parsed.ok ? parsed.synonyms : [];
}

function report(name: string, pairs: readonly Pair[], similarity: readonly number[]): void {
  process.stdout.write(
    `\n## ${name}: ${pairs.length} pairs, ${pairs.filter((pair) => pair.same).length} same\n\n`,
  );
  process.stdout.write('| threshold | precision | recall | F1 |\n|---|---|---|---|\n');
  for (let threshold = 0.1; threshold <= 0.801; threshold += 0.05) {
    let truePositive = 0;
    let falsePositive = 0;
    let falseNegative = 0;
    pairs.forEach((pair, index) => {
      const joined = similarity[index]! >= threshold;
      if (joined && pair.same) truePositive++;
      else if (joined) falsePositive++;
      else if (pair.same) falseNegative++;
    });
    const precision = truePositive / Math.max(1, truePositive + falsePositive);
    const recall = truePositive / Math.max(1, truePositive + falseNegative);
    const f1 = (2 * precision * recall) / Math.max(1e-9, precision + recall);
    process.stdout.write(
      `| ${threshold.toFixed(2)} | ${(precision * 100).toFixed(1)}% | ${(recall * 100).toFixed(1)}% | ${(f1 * 100).toFixed(1)}% |\n`,
    );
  }
}

const kb = parseEntriesJsonl(read(path.join(root, 'knowledge/demo/demo-kb.jsonl')));
if (!kb.ok) throw new Error('the demo knowledge base does not parse');
const kbTexts = kb.entries.flatMap((entry) => localizedViews(entry).flatMap((view) => view.questions));
// Pairs within one language: across languages the builtin embedder's own vectors do not meet (the
// matcher bridges languages with glosses, which gap clustering does not use).
const demoCases = lines<{ text: string; expected: string | null; locale?: string }>(
  path.join(root, 'knowledge/demo/demo-cases.jsonl'),
)
  .filter((item) => item.expected !== null)
  .map((item) => ({ text: item.text, label: `${item.expected!} ${item.locale ?? ''}` }));
const demoPairs = pairsByLabel(demoCases, 1);
report(
  'demo eval cases (embedder fitted on the demo knowledge base)',
  demoPairs,
  await scores(demoPairs, kbTexts),
);

const bq = path.join(evalData, 'bq-corpus-zh/pairs_dev.jsonl');
if (existsSync(bq)) {
  const pairs = lines<Pair>(bq);
  report(
    'bq-corpus-zh dev (fitted on its own questions)',
    pairs,
    await scores(
      pairs,
      pairs.flatMap((pair) => [pair.a, pair.b]),
      [],
    ),
  );
}
const clinc = path.join(evalData, 'clinc150/dev.jsonl');
if (existsSync(clinc)) {
  const cases = lines<{ text: string; expected: string | null }>(clinc)
    .filter((item) => item.expected !== null)
    .map((item) => ({ text: item.text, label: item.expected! }));
  const kbFile = lines<{ questions: string[] }>(path.join(evalData, 'clinc150/kb.jsonl'));
  const pairs = pairsByLabel(cases, 2);
  report(
    'clinc150 dev (fitted on its knowledge base)',
    pairs,
    await scores(
      pairs,
      kbFile.flatMap((entry) => entry.questions),
      [],
    ),
  );
}
const banking = path.join(evalData, 'banking77/dev.jsonl');
if (existsSync(banking)) {
  const cases = lines<{ text: string; expected: string | null }>(banking)
    .filter((item) => item.expected !== null)
    .map((item) => ({ text: item.text, label: item.expected! }));
  const kbFile = lines<{ questions: string[] }>(path.join(evalData, 'banking77/kb.jsonl'));
  const pairs = pairsByLabel(cases, 3);
  report(
    'banking77 dev (fitted on its knowledge base)',
    pairs,
    await scores(
      pairs,
      kbFile.flatMap((entry) => entry.questions),
      [],
    ),
  );
}

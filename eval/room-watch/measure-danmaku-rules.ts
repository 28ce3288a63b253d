// npx tsx eval/room-watch/measure-danmaku-rules.ts [dev|test] [--misses]: precision and recall of the room
// watch's per-comment detectors on our own labelled danmaku (zh and en). Tune on dev; report test.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { createCommentClassifier } from '../../engine/room-watch/classify-comment.js';
import { DEFAULT_COMMENT_RULES } from '../../engine/room-watch/comment-rules.js';
import { ROOM_ALERT_KINDS, type RoomAlertKind } from '../../engine/room-watch/room-alert.js';

const CaseSchema = z.object({ text: z.string().min(1), labels: z.array(z.enum(ROOM_ALERT_KINDS)) });

export interface KindScore {
  kind: RoomAlertKind;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

export function measureDanmakuRules(lines: readonly string[]): {
  cases: number;
  kinds: KindScore[];
  misses: string[];
} {
  const classifier = createCommentClassifier({ rules: DEFAULT_COMMENT_RULES });
  const cases = lines.filter((line) => line.trim() !== '').map((line) => CaseSchema.parse(JSON.parse(line)));
  const counts = new Map<RoomAlertKind, { tp: number; fp: number; fn: number }>();
  const misses: string[] = [];
  for (const item of cases) {
    const found = new Set(classifier.classify(item.text).map((finding) => finding.kind));
    const expected = new Set(item.labels);
    for (const kind of ROOM_ALERT_KINDS) {
      if (kind === 'flood') continue;
      const count = counts.get(kind) ?? { tp: 0, fp: 0, fn: 0 };
      if (found.has(kind) && expected.has(kind)) count.tp += 1;
      else if (found.has(kind)) count.fp += 1;
      else if (expected.has(kind)) count.fn += 1;
      counts.set(kind, count);
    }
    const same = found.size === expected.size && [...found].every((kind) => expected.has(kind));
    if (!same)
      misses.push(`${item.text}  expected [${[...expected].join(',')}] got [${[...found].join(',')}]`);
  }
  const kinds = [...counts].map(([kind, { tp, fp, fn }]) => ({
    kind,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
  }));
  return { cases: cases.length, kinds, misses };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const split = process.argv[2] === 'test' ? 'test' : 'dev';
  const file = path.join(import.meta.dirname, `danmaku-${split}.jsonl`);
  const result = measureDanmakuRules(readFileSync(file, 'utf8').split('\n'));
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  const totals = result.kinds.reduce(
    (sum, kind) => ({
      tp: sum.tp + kind.truePositives,
      fp: sum.fp + kind.falsePositives,
      fn: sum.fn + kind.falseNegatives,
    }),
    { tp: 0, fp: 0, fn: 0 },
  );
  process.stdout.write(
    `danmaku ${split}: ${result.cases} comments\n| kind | precision | recall | tp | fp | fn |\n|---|---|---|---|---|---|\n`,
  );
  for (const kind of result.kinds)
    process.stdout.write(
      `| ${kind.kind} | ${percent(kind.precision)} | ${percent(kind.recall)} | ${kind.truePositives} | ${kind.falsePositives} | ${kind.falseNegatives} |\n`,
    );
  process.stdout.write(
    `| all (micro) | ${percent(totals.tp / (totals.tp + totals.fp))} | ${percent(totals.tp / (totals.tp + totals.fn))} | ${totals.tp} | ${totals.fp} | ${totals.fn} |\n`,
  );
  if (process.argv.includes('--misses'))
    for (const miss of result.misses) process.stdout.write(`miss: ${miss}\n`);
}

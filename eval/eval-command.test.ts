import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../server/cli/run-cli.js';
import { loadMatcherConfig } from '../server/load-matcher-config.js';
import type { EvalReport } from './eval-report.js';
import { REGRESSION_EXIT_CODE } from './eval-command.js';

const KB = [
  {
    id: 'refund',
    questions: [
      'how do I get a refund',
      'I want my money back',
      'refund my order please',
      'can I return this for a refund',
    ],
    answer: 'Open the order and tap Refund.',
  },
  {
    id: 'shipping',
    questions: [
      'when will my package arrive',
      'how long does shipping take',
      'where is my delivery',
      'track my parcel',
    ],
    answer: 'Orders ship within 2 days.',
  },
  {
    id: 'password',
    questions: [
      'I forgot my password',
      'reset my password',
      'cannot log in to my account',
      'change my login password',
    ],
    answer: 'Tap Forgot password on the login page.',
  },
  {
    id: 'coins',
    locale: 'zh',
    questions: ['怎么充值金币', '金币在哪里买', '充值入口在哪', '我想买金币'],
    answer: '进入 我的 > 钱包 > 充值。',
  },
  {
    id: 'gifts',
    locale: 'zh',
    questions: ['怎么给主播送礼物', '礼物怎么送', '送礼物的按钮在哪', '给主播刷礼物'],
    answer: '点击直播间右下角的礼物图标。',
  },
];

const CASES = [
  { text: 'how can I get my money refunded', expected: 'refund', kind: 'paraphrase' },
  { text: 'my package has not arrived yet', expected: 'shipping' },
  { text: 'I need to reset the password', expected: 'password' },
  { text: '在哪里充值金币', expected: 'coins' },
  { text: '怎么送礼物给主播', expected: 'gifts' },
  { text: '<script>alert("x")</script> what is the weather tomorrow', expected: null, reason: 'oos' },
  { text: '今天天气怎么样', expected: null, escalate: false },
];

const DEV = [
  { text: 'refund please', expected: 'refund' },
  { text: 'how long until my parcel arrives', expected: 'shipping' },
  { text: 'forgot the password for my account', expected: 'password' },
  { text: '金币怎么充值', expected: 'coins' },
  { text: 'tell me a joke', expected: null },
];

const PAIRS = [
  { a: '怎么充值金币', b: '金币在哪里充值', same: true },
  { a: '怎么充值金币', b: '主播几点下播', same: false },
  { a: '礼物怎么送', b: '怎么给主播送礼物', same: true },
  { a: '礼物怎么送', b: '账号怎么注销', same: false },
];

/** `expect.any(Number)` typed as the number it stands for (vitest types asymmetric matchers as `any`). */
const aNumber = expect.any(Number) as number;

const jsonl = (records: readonly object[]) =>
  `${records.map((record) => JSON.stringify(record)).join('\n')}\n`;

function recorder() {
  const lines: string[] = [];
  const errors: string[] = [];
  return {
    lines,
    errors,
    output: {
      log: (line: string) => lines.push(line),
      error: (line: string) => errors.push(line),
      write: (text: string) => lines.push(text),
    },
  };
}

describe('livedesk eval, end to end on a knowledge base written here', () => {
  let folder: string;
  const file = (name: string) => path.join(folder, name);
  const env = { LIVEDESK_VECTOR_INDEX: 'exact', LIVEDESK_EMBEDDER: 'builtin' };
  const evalArguments = () => ['eval', '--kb', file('kb.jsonl'), '--cases', file('cases.jsonl')];

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'livedesk-eval-test-'));
    await writeFile(file('kb.jsonl'), jsonl(KB));
    await writeFile(file('cases.jsonl'), jsonl(CASES));
    await writeFile(file('dev.jsonl'), jsonl(DEV));
    await writeFile(file('pairs.jsonl'), jsonl(PAIRS));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('tunes on dev, scores the cases, and writes JSON with every field, HTML and loadable thresholds', async () => {
    const { output, lines, errors } = recorder();
    const argv = [
      ...evalArguments(),
      '--dev',
      file('dev.jsonl'),
      '--json',
      file('out.json'),
      '--html',
      file('out.html'),
      '--save-thresholds',
      file('thresholds.json'),
    ];

    const code = await runCli(argv, { env, output });

    expect(errors).toEqual([]);
    expect(code).toBe(0);
    const report = JSON.parse(await readFile(file('out.json'), 'utf8')) as EvalReport;
    expect(report).toMatchObject({
      kind: 'livedesk-eval',
      kbPath: file('kb.jsonl'),
      casesPath: file('cases.jsonl'),
      devPath: file('dev.jsonl'),
      embedder: 'builtin-hashed-2048',
      cases: 7,
      // One case carries an escalate label (false): it is run through the policy and not escalated.
      escalation: {
        policy: 'show',
        count: 1,
        shouldEscalate: 0,
        escalated: 0,
        precision: null,
        recall: null,
      },
      thresholds: { source: 'dev' },
      tuning: { devCases: 5, wrongAnswerCost: 2 },
    });
    expect(Date.parse(report.timestamp)).not.toBeNaN();
    for (const field of [
      'count',
      'top1Accuracy',
      'top3Accuracy',
      'mrr',
      'answeredCorrectly',
      'answeredWrongly',
    ] as const) {
      expect(report.inScope[field]).toEqual(aNumber);
    }
    expect(report.inScope.count).toBe(5);
    expect(report.outOfScope).toEqual({
      count: 2,
      answeredRate: aNumber,
      precision: aNumber,
      recall: aNumber,
    });
    for (const key of ['answerMinConfidence', 'clarifyMinConfidence', 'clarifyMinRatio'] as const) {
      expect(report.thresholds[key]).toEqual(aNumber);
    }
    expect(Object.keys(report.byLocale)).toEqual(['en', 'zh']);
    expect(report.byLocale.zh?.cases).toBe(3);
    expect(report.latencyMs).toEqual({ p50: aNumber, p95: aNumber, p99: aNumber });
    // The escalation method and the reason-only case; no decision-rule note: the eval's copy of the
    // decision rule agreed with the matcher on every case.
    expect(report.notes).toHaveLength(2);
    expect(report.notes[0]).toMatch(/^escalation: each of the 1 case\(s\) with an "escalate" label/);
    expect(report.notes[1]).toMatch(/1 case\(s\) carry a "reason" but no "escalate" label/);
    expect(report.curve).toHaveLength(91);
    expect(report.inScope.top1Accuracy).toBe(1);
    expect(lines.join('\n')).toContain('top-1 accuracy');

    const html = await readFile(file('out.html'), 'utf8');
    expect(html).toContain('<!doctype html>');
    expect(html).not.toContain('<script>alert');

    const saved = await loadMatcherConfig(file('thresholds.json'));
    expect(saved.thresholds.answerMinConfidence).toBe(report.thresholds.answerMinConfidence);
    expect(saved.thresholdsByLocale).toEqual(report.thresholds.byLocale);
  });

  it('passes against its own baseline and fails with status 3 when a metric drops beyond the tolerance', async () => {
    const first = recorder();
    expect(
      await runCli([...evalArguments(), '--json', file('baseline.json')], { env, output: first.output }),
    ).toBe(0);

    const same = recorder();
    expect(
      await runCli([...evalArguments(), '--baseline', file('baseline.json')], { env, output: same.output }),
    ).toBe(0);
    expect(same.lines.join('\n')).toContain('no metric dropped by more than 0.02');

    const baseline = JSON.parse(await readFile(file('baseline.json'), 'utf8')) as EvalReport;
    await writeFile(
      file('better-baseline.json'),
      JSON.stringify({
        ...baseline,
        inScope: { ...baseline.inScope, mrr: (baseline.inScope.mrr ?? 0) + 0.05 },
      }),
    );
    const worse = recorder();
    const code = await runCli([...evalArguments(), '--baseline', file('better-baseline.json')], {
      env,
      output: worse.output,
    });

    expect(code).toBe(REGRESSION_EXIT_CODE);
    expect(worse.lines.join('\n')).toMatch(/inScope\.mrr.*REGRESSED/);
    const tolerant = recorder();
    expect(
      await runCli([...evalArguments(), '--baseline', file('better-baseline.json'), '--tolerance', '0.1'], {
        env,
        output: tolerant.output,
      }),
    ).toBe(0);
  });

  it('stops on a malformed case line and names it', async () => {
    await writeFile(file('bad-cases.jsonl'), `${jsonl(CASES.slice(0, 2))}{"text": "no expected field"}\n`);
    const { output, errors } = recorder();

    const code = await runCli(['eval', '--kb', file('kb.jsonl'), '--cases', file('bad-cases.jsonl')], {
      env,
      output,
    });

    expect(code).toBe(1);
    expect(errors.join('\n')).toContain(`${file('bad-cases.jsonl')} line 3: expected: missing`);
  });

  it('refuses bad flags with the usage', async () => {
    const missingCases = recorder();
    expect(await runCli(['eval', '--kb', file('kb.jsonl')], { env, output: missingCases.output })).toBe(2);
    expect(missingCases.errors.join('\n')).toContain('--cases: missing');

    const badValues = recorder();
    expect(
      await runCli([...evalArguments(), '--embedder', 'magic', '--tolerance', 'lots'], {
        env,
        output: badValues.output,
      }),
    ).toBe(2);
    expect(badValues.errors.join('\n')).toMatch(
      /--embedder: Invalid option[\s\S]*--tolerance: Invalid input/,
    );

    const saveWithoutDev = recorder();
    expect(
      await runCli([...evalArguments(), '--save-thresholds', file('x.json')], {
        env,
        output: saveWithoutDev.output,
      }),
    ).toBe(2);
    expect(saveWithoutDev.errors.join('\n')).toContain('--save-thresholds needs --dev');
  });

  it('scores question pairs by similarity', async () => {
    const { output } = recorder();

    expect(
      await runCli(['eval', '--pairs', file('pairs.jsonl'), '--json', file('pairs-out.json')], {
        env,
        output,
      }),
    ).toBe(0);
    const report = JSON.parse(await readFile(file('pairs-out.json'), 'utf8')) as Record<string, unknown>;
    expect(report).toMatchObject({
      kind: 'livedesk-pair-eval',
      pairs: 4,
      thresholdSource: 'same-file',
      embedder: 'builtin-hashed-2048',
    });
    expect(report.auc).toEqual(aNumber);
  });
});

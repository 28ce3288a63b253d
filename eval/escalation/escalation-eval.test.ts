import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli/run-cli.js';
import { REGRESSION_EXIT_CODE } from '../eval-command.js';
import type { EvalReport } from '../eval-report.js';

const KB = [
  {
    id: 'refund',
    questions: ['how do I get a refund', 'I want my money back', 'refund my order please'],
    answer: 'Open the order and tap Refund.',
  },
  {
    id: 'shipping',
    questions: ['when will my package arrive', 'how long does shipping take', 'where is my delivery'],
    answer: 'Orders ship within 2 days.',
  },
  {
    id: 'password',
    questions: ['I forgot my password', 'reset my password', 'cannot log in to my account'],
    answer: 'Tap Forgot password on the login page.',
  },
  {
    id: 'coins',
    locale: 'zh',
    questions: ['怎么充值金币', '金币在哪里买', '充值入口在哪'],
    answer: '进入 我的 > 钱包 > 充值。',
  },
];

const HOSTILE = '<img src=x onerror="window.__pwned = 1"> are you a bot?';

// What each labelled case should do as a first message, under the show preset:
//   #  label              policy                              counts as
//   1  match, no          answer (or clarify): calm            true negative
//   2  oos, no            decline: a first unanswered question  true negative
//   3  human_request, yes escalate [human_request]              true positive
//   4  anger, yes         escalate [anger, ...]                 true positive
//   5  sensitive, yes     escalate [sensitive]                  true positive
//   6  vip, yes           escalate [low_confidence] → VIP team  true positive
//   7  oos, no            escalate [human_request] ("are you a bot?" mislabelled on purpose)  false positive
//   8  repetition, yes    not escalated: a first message cannot repeat anything  false negative
//   9  (no label)         not scored for escalation
// Precision 4/5, recall 4/5, F1 2·4 / (2·4 + 1 + 1) = 0.8.
const CASES = [
  { text: 'how can I get my money refunded', expected: 'refund', escalate: false, reason: 'match' },
  { text: 'what is the weather like tomorrow', expected: null, escalate: false, reason: 'oos' },
  { text: 'I want to talk to a real person', expected: null, escalate: true, reason: 'human_request' },
  { text: '你们这什么垃圾平台，气死我了！！！', expected: null, escalate: true, reason: 'anger' },
  {
    text: 'my 12 year old spent $300 on gifts with my card',
    expected: null,
    escalate: true,
    reason: 'sensitive',
  },
  { text: 'what is the weather like tomorrow', expected: null, escalate: true, reason: 'vip', tier: 'vip' },
  { text: HOSTILE, expected: null, escalate: false, reason: 'oos' },
  { text: 'how long does shipping take', expected: 'shipping', escalate: true, reason: 'repetition' },
  { text: 'reset my password', expected: 'password' },
];

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

describe('livedesk eval with escalation labels, end to end', () => {
  let folder: string;
  const file = (name: string) => path.join(folder, name);
  const env = { LIVEDESK_VECTOR_INDEX: 'exact', LIVEDESK_EMBEDDER: 'builtin' };
  const evalArguments = () => ['eval', '--kb', file('kb.jsonl'), '--cases', file('cases.jsonl')];

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'livedesk-escalation-eval-'));
    await writeFile(file('kb.jsonl'), jsonl(KB));
    await writeFile(file('cases.jsonl'), jsonl(CASES));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('runs the labelled cases through the policy and fills the escalation block', async () => {
    const { output, lines, errors } = recorder();

    const code = await runCli([...evalArguments(), '--json', file('out.json'), '--html', file('out.html')], {
      env,
      output,
    });

    expect(errors).toEqual([]);
    expect(code).toBe(0);
    const report = JSON.parse(await readFile(file('out.json'), 'utf8')) as EvalReport;
    const escalation = report.escalation;
    expect(report.cases).toBe(9);
    expect(escalation).toMatchObject({
      policy: 'show',
      count: 8,
      shouldEscalate: 5,
      escalated: 5,
      truePositives: 4,
      falsePositives: 1,
      falseNegatives: 1,
      precision: 0.8,
      recall: 0.8,
      f1: 0.8,
    });
    expect(Object.keys(escalation?.byReason ?? {})).toEqual([
      'match',
      'oos',
      'anger',
      'human_request',
      'sensitive',
      'repetition',
      'vip',
    ]);
    expect(escalation?.byReason.oos).toMatchObject({ count: 2, escalated: 1, escalatedRate: 0.5 });
    expect(escalation?.byReason.human_request).toMatchObject({ count: 1, recall: 1, reasonAccuracy: 1 });
    expect(escalation?.byReason.anger).toMatchObject({ recall: 1, reasonAccuracy: 1 });
    expect(escalation?.byReason.sensitive).toMatchObject({ recall: 1, reasonAccuracy: 1 });
    // The policy can name repetition, but never on a first message: counted, not escalated.
    expect(escalation?.byReason.repetition).toMatchObject({ count: 1, recall: 0, reasonAccuracy: null });
    expect(escalation?.byReason.vip).toMatchObject({ recall: 1, reasonAccuracy: null });
    expect(escalation?.worstFalsePositives.map((item) => item.text)).toEqual([HOSTILE]);
    expect(escalation?.worstFalsePositives[0]?.verdict).toMatchObject({
      action: 'escalate',
      reasons: ['human_request'],
    });
    expect(escalation?.missedEscalations.map((item) => item.text)).toEqual(['how long does shipping take']);
    expect(report.notes[0]).toMatch(/^escalation: each of the 8 case\(s\) with an "escalate" label/);

    const printed = lines.join('\n');
    expect(printed).toContain('escalation policy: show preset');
    expect(printed).toMatch(/precision\s+80\.0%/);
    expect(printed).toMatch(/human_request\s+1\s+1\s+100\.0%\s+100\.0%/);
    expect(printed).toContain('escalated but should not have been (1, worst first):');

    const html = await readFile(file('out.html'), 'utf8');
    expect(html).toContain('<h2>Escalation</h2>');
    expect(html).toContain('Escalated but should not have been (1)');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=&quot;window.__pwned = 1&quot;&gt; are you a bot?');
  });

  it('reads the tier: the same unanswerable first question goes to the VIP team only from a VIP', async () => {
    // Both labelled escalate: false on purpose, so that whatever is escalated is listed with its routing.
    const question = {
      text: 'what is the weather like tomorrow',
      expected: null,
      escalate: false,
      reason: 'oos',
    };
    await writeFile(file('tier-cases.jsonl'), jsonl([question, { ...question, tier: 'vip' }]));
    const { output } = recorder();

    const code = await runCli(
      ['eval', '--kb', file('kb.jsonl'), '--cases', file('tier-cases.jsonl'), '--json', file('tier.json')],
      { env, output },
    );

    expect(code).toBe(0);
    const report = JSON.parse(await readFile(file('tier.json'), 'utf8')) as EvalReport;
    expect(report.escalation).toMatchObject({ count: 2, escalated: 1 });
    expect(report.escalation?.worstFalsePositives).toHaveLength(1);
    expect(report.escalation?.worstFalsePositives[0]).toMatchObject({
      tier: 'vip',
      verdict: { action: 'escalate', reasons: ['low_confidence'], team: 'vip-care', priority: 'high' },
    });
  });

  it('keeps only --misses listed cases, the counts unchanged', async () => {
    const { output } = recorder();
    expect(
      await runCli([...evalArguments(), '--json', file('few.json'), '--misses', '0'], { env, output }),
    ).toBe(0);
    const report = JSON.parse(await readFile(file('few.json'), 'utf8')) as EvalReport;
    expect(report.escalation).toMatchObject({
      falsePositives: 1,
      falseNegatives: 1,
      worstFalsePositives: [],
      missedEscalations: [],
    });
  });

  it('runs another policy preset with --policy and refuses an unknown one', async () => {
    const social = recorder();
    expect(
      await runCli([...evalArguments(), '--policy', 'social', '--json', file('social.json')], {
        env,
        output: social.output,
      }),
    ).toBe(0);
    const report = JSON.parse(await readFile(file('social.json'), 'utf8')) as EvalReport;
    expect(report.escalation?.policy).toBe('social');

    const unknown = recorder();
    expect(await runCli([...evalArguments(), '--policy', 'casino'], { env, output: unknown.output })).toBe(2);
    expect(unknown.errors.join('\n')).toContain('--policy: Invalid option');
  });

  it('gates on escalation precision and recall against a baseline', async () => {
    const first = recorder();
    expect(
      await runCli([...evalArguments(), '--json', file('baseline.json')], { env, output: first.output }),
    ).toBe(0);
    const same = recorder();
    expect(
      await runCli([...evalArguments(), '--baseline', file('baseline.json')], { env, output: same.output }),
    ).toBe(0);
    expect(same.lines.join('\n')).toMatch(/escalation\.recall\s+80\.0%\s+80\.0%/);

    const baseline = JSON.parse(await readFile(file('baseline.json'), 'utf8')) as EvalReport;
    await writeFile(
      file('better-baseline.json'),
      JSON.stringify({ ...baseline, escalation: { ...baseline.escalation, recall: 0.9 } }),
    );
    const worse = recorder();
    const code = await runCli([...evalArguments(), '--baseline', file('better-baseline.json')], {
      env,
      output: worse.output,
    });
    expect(code).toBe(REGRESSION_EXIT_CODE);
    expect(worse.lines.join('\n')).toMatch(/escalation\.recall.*REGRESSED/);
  });
});

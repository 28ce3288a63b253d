import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EditorReportSchema } from '../../knowledge/editor-report/index.js';
import { runCli } from '../../server/cli/run-cli.js';
import { CONFUSABLE_KB } from '../test-support/confusable-kb.js';

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

describe('livedesk eval --report-kb', () => {
  let folder: string;
  const file = (name: string) => path.join(folder, name);
  const env = { LIVEDESK_EMBEDDER: 'builtin' };

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'livedesk-report-kb-'));
    await writeFile(file('kb.jsonl'), jsonl(CONFUSABLE_KB));
    await writeFile(
      file('cases.jsonl'),
      jsonl([
        { text: 'how to delete the account', expected: 'account.delete' },
        { text: 'I want to go live as a host', expected: 'streamer.apply' },
        { text: 'what is the weather tomorrow', expected: null },
      ]),
    );
    await writeFile(
      file('gaps.jsonl'),
      jsonl([{ question: 'how can I start streaming as a host', asked: 4 }]),
    );
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('prints the tables and writes the report as JSON', async () => {
    const { output, lines, errors } = recorder();
    const code = await runCli(
      [
        'eval',
        '--report-kb',
        '--kb',
        file('kb.jsonl'),
        '--cases',
        file('cases.jsonl'),
        '--gaps',
        file('gaps.jsonl'),
        '--json',
        file('report.json'),
      ],
      { env, output },
    );
    expect(errors).toEqual([]);
    expect(code).toBe(0);
    const text = lines.join('\n');
    expect(text).toMatch(/Knowledge base report: 6 entries, 17 of 17 phrasings tested/);
    expect(text).toMatch(/Confused entries \(\d+\)\nentry\s+went to/);
    expect(text).toMatch(/coins\.(top-up|recharge)\s+coins\.(top-up|recharge)/);
    expect(text).toMatch(/streamer\.apply\s+1 phrasing\(s\) in en/);
    expect(text).toMatch(
      /streamer\.apply\s+en\s+asked 4×\s+[+−0-9]+\s+[+−0-9]+\s+[+−0-9]+\s+how can I start streaming as a host/,
    );
    const report = EditorReportSchema.parse(JSON.parse(await readFile(file('report.json'), 'utf8')));
    expect(report.suite).toMatchObject({ inScope: 2, outOfScope: 1 });
  });

  it('refuses a missing --kb and a flag it does not know, as usage errors', async () => {
    const missing = recorder();
    expect(await runCli(['eval', '--report-kb'], { env, output: missing.output })).toBe(2);
    expect(missing.errors.join('\n')).toMatch(/--kb/);
    const unknown = recorder();
    expect(
      await runCli(['eval', '--report-kb', '--kb', file('kb.jsonl'), '--html', 'x'], {
        env,
        output: unknown.output,
      }),
    ).toBe(2);
  });
});

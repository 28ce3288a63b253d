import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignalModelSchema } from '../../engine/signals/learned/signal-model.js';
import { runCli } from '../../server/cli/run-cli.js';
import type { EvalReport } from '../eval-report.js';

const DEMO = path.resolve('knowledge/demo');
const SUITE_DEV = path.join(DEMO, 'escalation-suite-dev.jsonl');
const SUITE_TEST = path.join(DEMO, 'escalation-suite-test.jsonl');
const env = { LIVEDESK_VECTOR_INDEX: 'exact', LIVEDESK_EMBEDDER: 'builtin' };

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

const evalArguments = (json: string) => [
  'eval',
  '--kb',
  path.join(DEMO, 'demo-kb.jsonl'),
  '--synonyms',
  path.join(DEMO, 'demo-synonyms.jsonl'),
  '--cases',
  SUITE_TEST,
  '--json',
  json,
];

describe('livedesk signals train, and the model in use', () => {
  let folder: string;
  const file = (name: string) => path.join(folder, name);

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'livedesk-signals-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('trains on the dev suite, and the model finds more of the test suite than the lists alone', async () => {
    const trained = recorder();
    const code = await runCli(
      [
        'signals',
        'train',
        '--cases',
        SUITE_DEV,
        '--signal',
        'anger',
        '--signal',
        'human_request',
        '--signal',
        'sensitive:safety',
        '--out',
        file('model.json'),
      ],
      { env, output: trained.output },
    );
    expect(code, trained.errors.join('\n')).toBe(0);
    const model = SignalModelSchema.parse(JSON.parse(await readFile(file('model.json'), 'utf8')));
    expect(Object.keys(model.classifiers).sort()).toEqual(['anger', 'human_request', 'sensitive:safety']);
    expect(trained.lines.join('\n')).toContain('cross-validation');

    const plain = recorder();
    expect(await runCli(evalArguments(file('plain.json')), { env, output: plain.output })).toBe(0);
    const learned = recorder();
    expect(
      await runCli([...evalArguments(file('learned.json')), '--signals-model', file('model.json')], {
        env,
        output: learned.output,
      }),
    ).toBe(0);
    const read = async (name: string) => JSON.parse(await readFile(file(name), 'utf8')) as EvalReport;
    const [without, withModel] = [await read('plain.json'), await read('learned.json')];
    expect(withModel.notes.some((note) => note.includes(file('model.json')))).toBe(true);
    expect(without.notes.some((note) => note.includes('trained model'))).toBe(false);
    expect(withModel.escalation!.recall ?? 0).toBeGreaterThan(without.escalation!.recall ?? 1);
  }, 90_000);

  it('refuses a signal with too few examples and writes nothing', async () => {
    const { output, errors } = recorder();
    const code = await runCli(
      [
        'signals',
        'train',
        '--cases',
        SUITE_DEV,
        '--signal',
        'sensitive:harassment',
        '--out',
        file('few.json'),
      ],
      { env, output },
    );
    expect(code).toBe(1);
    expect(errors.join('\n')).toMatch(/sensitive:harassment: \d+ positive .* at least 8 of each are needed/);
    expect(existsSync(file('few.json'))).toBe(false);
  });

  it('names the bad line of a training file', async () => {
    await writeFile(file('bad.jsonl'), '{"text":"fine","angry":false}\n{"text":""}\n');
    const { output, errors } = recorder();
    const code = await runCli(['signals', 'train', '--cases', file('bad.jsonl'), '--out', file('x.json')], {
      env,
      output,
    });
    expect(code).toBe(1);
    expect(errors.join('\n')).toContain('line 2');
  });

  it.each([
    ['empty', '', 'is empty'],
    ['not JSON', '{"format":', 'is not JSON'],
    ['another format', '{"format":"something-else"}', 'is not a Livedesk signal model'],
  ])('refuses an eval with a signal model that is %s, naming the file', async (_name, content, message) => {
    await writeFile(file('broken.json'), content);
    const { output, errors } = recorder();
    const code = await runCli([...evalArguments(file('out.json')), '--signals-model', file('broken.json')], {
      env,
      output,
    });
    expect(code).toBe(1);
    expect(errors.join('\n')).toContain(`signal model ${file('broken.json')} ${message}`);
  });

  it('refuses a model trained on another feature recipe', async () => {
    const model = JSON.parse(await readFile(file('model.json'), 'utf8')) as {
      featureSpace: { recipe: string };
    };
    model.featureSpace.recipe = 'builtin-signals-v0';
    await writeFile(file('old.json'), JSON.stringify(model));
    const { output, errors } = recorder();
    const code = await runCli([...evalArguments(file('out.json')), '--signals-model', file('old.json')], {
      env,
      output,
    });
    expect(code).toBe(1);
    expect(errors.join('\n')).toContain('train it again');
  });
});

import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../config.js';
import { createKnowledgeRuntime } from '../knowledge-runtime.js';
import type { CliOutput } from './cli-output.js';
import { runCli } from './run-cli.js';

const REPOSITORY_ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(REPOSITORY_ROOT, 'bin/livedesk.js');

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** What `ask --json` prints, checked rather than trusted. */
const CandidateJsonSchema = z.object({
  entryId: z.string(),
  matchedLocale: z.string(),
  confidence: z.number().min(0).max(1),
  answer: z.string(),
  scores: z.looseObject({ fused: z.number() }),
  explanation: z.looseObject({ sharedTerms: z.array(z.string()) }),
});
const DecisionJsonSchema = z.object({
  action: z.enum(['answer', 'clarify', 'none']),
  confidence: z.number(),
  margin: z.number(),
  reason: z.string(),
  best: CandidateJsonSchema.nullable(),
  candidates: z.array(CandidateJsonSchema),
  query: z.looseObject({ normalized: z.string(), language: z.string() }),
});
type DecisionJson = z.infer<typeof DecisionJsonSchema>;

const folders: string[] = [];

function newFolder(prefix = 'livedesk-cli-'): string {
  const folder = mkdtempSync(path.join(tmpdir(), prefix));
  folders.push(folder);
  return folder;
}

function recordingOutput(): CliOutput & { stdout: () => string; stderr: () => string } {
  let stdout = '';
  let stderr = '';
  return {
    log: (line) => (stdout += `${line}\n`),
    error: (line) => (stderr += `${line}\n`),
    write: (text) => (stdout += text),
    stdout: () => stdout,
    stderr: () => stderr,
  };
}

async function cli(dataDir: string, argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const output = recordingOutput();
  const code = await runCli(argv, {
    env: { LIVEDESK_DATA_DIR: dataDir, LIVEDESK_VECTOR_INDEX: 'hnsw', ...env },
    output,
    // `chat` reads lines until the input ends; these runs have none.
    input: Readable.from([]),
  });
  return { code, stdout: output.stdout(), stderr: output.stderr() };
}

/** What the server does to a data folder on its first start: creates the database and seeds the demo. */
async function startServerOnce(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<void> {
  const runtime = await createKnowledgeRuntime(
    loadConfig({ LIVEDESK_DATA_DIR: dataDir, LIVEDESK_VECTOR_INDEX: 'hnsw', ...env }),
  );
  await runtime.close();
}

/** The line every command that opens a database starts its stderr with. */
function databaseLine(dataDir: string, knowledgeBase = 'default'): string {
  return `livedesk: database ${path.join(dataDir, 'livedesk.sqlite')} (knowledge base "${knowledgeBase}")\n`;
}

function missingDatabase(dataDir: string): string {
  return `not_found: no Livedesk database at ${path.join(dataDir, 'livedesk.sqlite')}; start the server with the same LIVEDESK_DATA_DIR or pass --data-dir\n`;
}

async function askJson(dataDir: string, text: string, ...flags: string[]): Promise<DecisionJson> {
  const run = await cli(dataDir, ['ask', '--json', ...flags, text]);
  expect(run).toMatchObject({ code: 0, stderr: databaseLine(dataDir) });
  return DecisionJsonSchema.parse(JSON.parse(run.stdout));
}

async function exportedLines(dataDir: string): Promise<string[]> {
  const run = await cli(dataDir, ['kb', 'export']);
  expect(run.code).toBe(0);
  return run.stdout.split('\n').filter((line) => line.trim() !== '');
}

function writeFile(folder: string, name: string, content: string | Uint8Array): string {
  const file = path.join(folder, name);
  writeFileSync(file, content);
  return file;
}

const jsonLine = (value: unknown): string => JSON.stringify(value);

/** A data folder holding the demo knowledge base, as the server seeds it; copied for tests that write. */
let seeded: string;

function copyOfSeeded(): string {
  const copy = newFolder();
  cpSync(seeded, copy, { recursive: true });
  return copy;
}

beforeAll(async () => {
  seeded = newFolder('livedesk-cli-seeded-');
  await startServerOnce(seeded);
});

afterEach(() => {
  vi.useRealTimers();
});

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('livedesk ask', () => {
  it("answers a Chinese question from the server's database and names that database", async () => {
    const run = await cli(seeded, ['ask', '怎么充值金币']);

    expect(run.code).toBe(0);
    expect(run.stderr).toBe(databaseLine(seeded));
    expect(run.stdout).toMatch(/^ANSWER {2}confidence/);
    expect(run.stdout).toContain('answer (coins.top-up): 打开 App，进入 我的 > 钱包 > 充值');
    expect(run.stdout).toContain('shared terms:');
  });

  it('answers an English question in English', async () => {
    const decision = await askJson(seeded, 'How can I top up coins?');

    expect(decision.action).toBe('answer');
    expect(decision.query.language).toBe('en');
    expect(decision.best?.entryId).toBe('coins.top-up');
    expect(decision.best?.answer).toMatch(/^Go to Me > Wallet > Top Up/);
  });

  it('prints with --json a decision that carries its candidates and their explanation', async () => {
    const decision = await askJson(seeded, '怎么充值金币');

    expect(decision).toMatchObject({
      action: 'answer',
      best: { entryId: 'coins.top-up', matchedLocale: 'zh' },
    });
    expect(decision.confidence).toBeGreaterThan(0.5);
    expect(decision.candidates.length).toBeGreaterThan(1);
    expect(decision.candidates[0]?.entryId).toBe('coins.top-up');
    expect(decision.candidates[0]?.explanation.sharedTerms).toEqual(expect.arrayContaining(['充值', '金币']));
    expect(decision.candidates[0]?.explanation).toHaveProperty('nearestPhrasing');
  });

  it.each([
    ['Traditional characters', '怎麼儲值金幣', 'coins.top-up'],
    ['Traditional characters and Taiwan wording', '主播收益怎麼提領', 'revenue.withdraw'],
    ['Chinese slang from the synonym table', '宝宝想问下怎么cz', 'coins.top-up'],
    ['English chat abbreviations from the synonym table', 'forgot my pwd plz help', 'account.password-reset'],
    ['a homophone typo', '怎么冲值金币', 'coins.top-up'],
  ])('puts the right entry first for %s (%s)', async (_kind, text, expected) => {
    const decision = await askJson(seeded, text);

    expect(decision.candidates[0]?.entryId).toBe(expected);
  });

  it('does not answer a question the knowledge base knows nothing about', async () => {
    const decision = await askJson(seeded, "what's the weather in Paris tomorrow");

    expect(decision.action).not.toBe('answer');
    expect(decision.best).toBeNull();
  });

  it('reaches the flash sale scoped to a room only when asked from that room', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-06-01T12:00:00Z'));
    const question = '羽绒服秒杀多少钱';

    const inRoom = await askJson(seeded, question, '--room', 'room-8801');
    const elsewhere = await askJson(seeded, question);
    const otherRoom = await askJson(seeded, question, '--room', 'room-1234');

    expect(inRoom.candidates[0]?.entryId).toBe('shop.order.flash-sale-room-8801');
    for (const decision of [elsewhere, otherRoom]) {
      expect(decision.candidates.map((candidate) => candidate.entryId)).not.toContain(
        'shop.order.flash-sale-room-8801',
      );
    }
  });

  it("reaches a streamer's fan-club rules only with --streamer", async () => {
    const question = 'How do I join the fan club?';

    const withStreamer = await askJson(seeded, question, '--streamer', 'streamer-lily');
    const without = await askJson(seeded, question);

    expect(withStreamer.candidates.map((candidate) => candidate.entryId)).toContain('fanclub.lily-rules');
    expect(without.candidates.map((candidate) => candidate.entryId)).not.toContain('fanclub.lily-rules');
  });

  it('refuses an empty question with the usage', async () => {
    const run = await cli(seeded, ['ask', '   ']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('ask needs the question text');
    expect(run.stderr).toContain('usage: livedesk');
  });
});

describe('livedesk kb import', () => {
  const goodEntry = (id: string) => ({ id, locale: 'en', questions: ['a question'], answer: 'an answer' });

  it('names every bad line, imports nothing and exits 1', async () => {
    const dataDir = copyOfSeeded();
    const before = await exportedLines(dataDir);
    const file = writeFile(
      newFolder(),
      'bad.jsonl',
      [
        jsonLine(goodEntry('test.good-one')),
        '{"id": "test.broken", "questions": [',
        jsonLine({ id: 'test.no-answer', locale: 'en', questions: ['where is the answer'] }),
        jsonLine(goodEntry('test.good-two')),
      ].join('\n'),
    );

    const run = await cli(dataDir, ['kb', 'import', file]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('nothing imported, 2 bad line(s)');
    expect(run.stderr).toMatch(/line 2: /);
    expect(run.stderr).toMatch(/line 3: .*answer/);
    expect(run.stderr).not.toMatch(/line [14]:/);
    const after = await exportedLines(dataDir);
    expect(after).toEqual(before);
    expect(after.join('\n')).not.toContain('test.good-');
  });

  it('imports a JSON Lines file, and the new entries answer questions', async () => {
    const dataDir = copyOfSeeded();
    const file = writeFile(
      newFolder(),
      'new.jsonl',
      [
        jsonLine({
          id: 'shop.gift-wrap',
          locale: 'en',
          questions: [
            'Can you gift wrap my order?',
            'do you offer gift wrapping',
            'I want my order wrapped as a present',
          ],
          answer: 'Tick "Gift wrap" at checkout; it costs 5 yuan.',
          tags: ['commerce'],
        }),
        jsonLine({
          id: 'shop.gift-wrap-card',
          locale: 'zh',
          questions: ['可以写贺卡吗', '礼物里能放一张卡片吗', '怎么附上祝福卡片'],
          answer: '下单时在备注里写上祝福语，商家会手写一张贺卡放进包裹。',
        }),
      ].join('\n'),
    );

    const run = await cli(dataDir, ['kb', 'import', file]);

    expect(run).toMatchObject({ code: 0, stderr: databaseLine(dataDir) });
    expect(run.stdout).toContain('imported 2 entries: 2 created, 0 updated, 0 unchanged');
    expect((await askJson(dataDir, 'can I get my order gift wrapped')).candidates[0]?.entryId).toBe(
      'shop.gift-wrap',
    );
    expect((await askJson(dataDir, '能不能放一张祝福卡片')).candidates[0]?.entryId).toBe(
      'shop.gift-wrap-card',
    );
  });

  it('imports a CSV file with several phrasings in one cell', async () => {
    const dataDir = copyOfSeeded();
    const file = writeFile(
      newFolder(),
      'new.csv',
      [
        'id,locale,questions,answer,tags',
        'shop.bulk-discount,en,"Do you give discounts for bulk orders?',
        'Is there a discount if I buy ten of something?",Orders of 10 or more items get 5% off automatically.,commerce;discount',
      ].join('\r\n'),
    );

    const run = await cli(dataDir, ['kb', 'import', file]);

    expect(run).toMatchObject({ code: 0, stderr: databaseLine(dataDir) });
    expect(run.stdout).toContain('imported 1 entries: 1 created');
    const exported = (await exportedLines(dataDir)).find((line) => line.includes('"shop.bulk-discount"'));
    expect(JSON.parse(exported ?? '{}')).toMatchObject({
      questions: ['Do you give discounts for bulk orders?', 'Is there a discount if I buy ten of something?'],
      tags: ['commerce', 'discount'],
    });
    expect((await askJson(dataDir, 'discount for a bulk order')).candidates[0]?.entryId).toBe(
      'shop.bulk-discount',
    );
  });

  it('refuses a UTF-16 file instead of importing garbled text', async () => {
    const dataDir = copyOfSeeded();
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(jsonLine(goodEntry('test.utf16')), 'utf16le'),
    ]);
    const file = writeFile(newFolder(), 'utf16.jsonl', utf16);

    const run = await cli(dataDir, ['kb', 'import', file]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the file is UTF-16; save it as UTF-8');
    expect((await exportedLines(dataDir)).join('\n')).not.toContain('test.utf16');
  });

  it('names a missing file without a stack trace', async () => {
    const run = await cli(seeded, ['kb', 'import', '/no/such/file.jsonl']);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `${databaseLine(seeded)}invalid_input: cannot read /no/such/file.jsonl: no such file\n`,
    );
  });

  it('names an unknown --format', async () => {
    const run = await cli(newFolder(), ['kb', 'import', 'entries.txt', '--format', 'xml']);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('unknown format "xml": use jsonl or csv');
  });
});

describe('livedesk kb export', () => {
  it.each(['jsonl', 'csv'])('round-trips the knowledge base through %s unchanged', async (format) => {
    const exportFile = path.join(newFolder(), `kb.${format}`);
    const first = await cli(seeded, ['kb', 'export', '--format', format]);
    expect(first.code).toBe(0);
    writeFileSync(exportFile, first.stdout);

    const copy = newFolder();
    const imported = await cli(copy, ['kb', 'import', exportFile]);
    const second = await cli(copy, ['kb', 'export', '--format', format]);

    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/imported \d+ entries: \d+ created, 0 updated/);
    expect(second.stdout).toBe(first.stdout);
  });

  it('writes to a file with --out', async () => {
    const out = path.join(newFolder(), 'kb.jsonl');

    const run = await cli(seeded, ['kb', 'export', '--out', out]);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(`^exported \\d+ entries to ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
    expect(readFileSync(out, 'utf8')).toBe((await cli(seeded, ['kb', 'export'])).stdout);
  });
});

describe('livedesk kb versions and kb revert', () => {
  it('lists who changed an entry and undoes one change', async () => {
    const dataDir = copyOfSeeded();
    const original = (await exportedLines(dataDir)).find((line) => line.includes('"coins.top-up"'))!;
    const changed = { ...(JSON.parse(original) as object), answer: '充值请联系主播。' };
    const file = writeFile(newFolder(), 'change.jsonl', jsonLine(changed));
    expect((await cli(dataDir, ['kb', 'import', file], { LIVEDESK_ACTOR: 'editor-anna' })).code).toBe(0);

    const versions = await cli(dataDir, ['kb', 'versions', '--entry', 'coins.top-up']);

    expect(versions.code).toBe(0);
    const lines = versions.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\s*\d+ {2}\S+ {2}update {2}coins\.top-up {2}by editor-anna$/);
    expect(lines[1]).toMatch(/create {2}coins\.top-up {2}by demo-seed$/);
    expect((await askJson(dataDir, '怎么充值金币')).best?.answer).toBe('充值请联系主播。');

    const versionId = lines[0]!.trim().split(/\s+/)[0]!;
    const revert = await cli(dataDir, ['kb', 'revert', versionId]);

    expect(revert).toMatchObject({ code: 0, stderr: databaseLine(dataDir) });
    expect(revert.stdout).toMatch(new RegExp(`^reverted change ${versionId}: coins.top-up is restored`));
    expect((await exportedLines(dataDir)).find((line) => line.includes('"coins.top-up"'))).toBe(original);
    expect((await askJson(dataDir, '怎么充值金币')).best?.answer).toMatch(
      /^打开 App，进入 我的 > 钱包 > 充值/,
    );
    expect((await cli(dataDir, ['kb', 'versions', '--limit', '1'])).stdout).toMatch(
      /revert {2}coins\.top-up {2}by cli\n$/,
    );
  });

  it('reports a version that does not exist', async () => {
    const dataDir = copyOfSeeded();
    const run = await cli(dataDir, ['kb', 'revert', '999999']);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `${databaseLine(dataDir)}not_found: no version 999999 in knowledge base "default"\n`,
    );
  });

  it('refuses a version id that is not a positive integer', async () => {
    const run = await cli(seeded, ['kb', 'revert', 'latest']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('kb revert needs a VERSION_ID');
  });
});

describe('livedesk synonyms', () => {
  it('imports a synonym table that the matcher then applies', async () => {
    const dataDir = copyOfSeeded();
    const question = '大米怎么充值';
    expect((await askJson(dataDir, question)).query.normalized).toBe('大米怎么充值');
    const file = writeFile(
      newFolder(),
      'synonyms.jsonl',
      jsonLine({ term: '大米', canonical: '金币', locale: 'zh' }),
    );

    const run = await cli(dataDir, ['synonyms', 'import', file]);

    expect(run).toMatchObject({ code: 0, stdout: 'imported 1 synonyms\n' });
    const decision = await askJson(dataDir, question);
    expect(decision.query.normalized).toBe('金币怎么充值');
    expect(decision.candidates[0]?.entryId).toBe('coins.top-up');
    expect((await cli(dataDir, ['synonyms', 'export'])).stdout).toContain('"term":"大米"');
  });

  it('names the bad lines of a synonym file and imports none of it', async () => {
    const dataDir = copyOfSeeded();
    const before = (await cli(dataDir, ['synonyms', 'export'])).stdout;
    const file = writeFile(
      newFolder(),
      'synonyms.jsonl',
      [jsonLine({ term: '大米', canonical: '金币', locale: 'zh' }), jsonLine({ term: 'x' }), 'not json'].join(
        '\n',
      ),
    );

    const run = await cli(dataDir, ['synonyms', 'import', file]);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/line 2: /);
    expect(run.stderr).toMatch(/line 3: /);
    expect((await cli(dataDir, ['synonyms', 'export'])).stdout).toBe(before);
  });
});

describe('which database the CLI works on', () => {
  it('names the database and knowledge base on stderr for every command that opens one', async () => {
    // `ask` is checked by every askJson above.
    for (const argv of [
      ['kb', 'export'],
      ['kb', 'versions', '--limit', '1'],
      ['synonyms', 'export'],
    ]) {
      const run = await cli(seeded, argv);

      expect(run.code, argv.join(' ')).toBe(0);
      expect(run.stderr, argv.join(' ')).toBe(databaseLine(seeded));
    }
  });

  it('works on LIVEDESK_DATA_DIR, and on --data-dir when both are given', async () => {
    const other = newFolder();
    await startServerOnce(other, { LIVEDESK_SEED_DEMO: 'false' });
    const file = writeFile(
      newFolder(),
      'only-here.jsonl',
      jsonLine({
        id: 'test.only-here',
        locale: 'en',
        questions: ['only in the other folder'],
        answer: 'yes',
      }),
    );
    expect((await cli(other, ['kb', 'import', file])).code).toBe(0);

    const fromEnvironment = await cli(other, ['kb', 'export']);
    const fromFlag = await cli(other, ['kb', 'export', '--data-dir', seeded]);
    const askedWithFlag = await cli(newFolder(), [
      'ask',
      '--json',
      '--data-dir',
      other,
      'only in the other folder',
    ]);

    expect(fromEnvironment.stderr).toBe(databaseLine(other));
    expect(fromEnvironment.stdout.trim().split('\n')).toHaveLength(1);
    expect(fromEnvironment.stdout).toContain('"test.only-here"');
    expect(fromFlag.stderr).toBe(databaseLine(seeded));
    expect(fromFlag.stdout).not.toContain('"test.only-here"');
    expect(fromFlag.stdout).toContain('"coins.top-up"');
    expect(askedWithFlag.stderr).toBe(databaseLine(other));
    expect(DecisionJsonSchema.parse(JSON.parse(askedWithFlag.stdout)).best?.entryId).toBe('test.only-here');
  });

  it.each([
    ['ask', ['ask', 'hello']],
    ['chat', ['chat']],
    ['kb export', ['kb', 'export']],
    ['kb versions', ['kb', 'versions']],
    ['kb revert', ['kb', 'revert', '1']],
    ['synonyms export', ['synonyms', 'export']],
  ])('refuses %s on a folder without a database, and creates none', async (_name, argv) => {
    const empty = newFolder();
    const absent = path.join(newFolder(), 'never-made');

    const inEmpty = await cli(empty, argv);
    const inAbsent = await cli(newFolder(), [...argv, '--data-dir', absent]);

    expect(inEmpty).toEqual({ code: 1, stdout: '', stderr: missingDatabase(empty) });
    expect(inAbsent).toEqual({ code: 1, stdout: '', stderr: missingDatabase(absent) });
    expect(readdirSync(empty)).toEqual([]);
    expect(existsSync(absent)).toBe(false);
  });

  it('lets kb import and synonyms import create a new database, saying so', async () => {
    const entries = path.join(newFolder(), 'new-kb');
    const synonyms = path.join(newFolder(), 'new-synonyms');
    const file = writeFile(
      newFolder(),
      'one.jsonl',
      jsonLine({ id: 'test.first', locale: 'en', questions: ['the very first entry'], answer: 'here' }),
    );
    const synonymFile = writeFile(newFolder(), 'synonyms.jsonl', jsonLine({ term: 'zb', canonical: '主播' }));

    const imported = await cli(entries, ['kb', 'import', file]);
    const importedSynonyms = await cli(synonyms, ['synonyms', 'import', synonymFile]);

    expect(imported).toMatchObject({
      code: 0,
      stderr: `livedesk: creating database ${path.join(entries, 'livedesk.sqlite')} (knowledge base "default")\n`,
    });
    expect(importedSynonyms).toMatchObject({
      code: 0,
      stderr: `livedesk: creating database ${path.join(synonyms, 'livedesk.sqlite')} (knowledge base "default")\n`,
    });
    expect((await askJson(entries, 'the very first entry')).best?.entryId).toBe('test.first');
  });

  it("names the knowledge base it opened and never seeds the demo into the server's database", async () => {
    const dataDir = copyOfSeeded();

    const run = await cli(dataDir, ['ask', '怎么充值金币'], { LIVEDESK_KNOWLEDGE_BASE: 'shop' });
    const versions = await cli(dataDir, ['kb', 'versions'], { LIVEDESK_KNOWLEDGE_BASE: 'shop' });

    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      `${databaseLine(dataDir, 'shop')}livedesk: knowledge base "shop" holds no entries in this database\n`,
    );
    expect(run.stdout).not.toContain('coins.top-up');
    expect(versions.stdout).toBe('no changes recorded\n');
  });
});

describe('livedesk usage and configuration', () => {
  it('answers an unknown command with exit code 2 and the usage', async () => {
    const run = await cli(seeded, ['frobnicate']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown command "frobnicate"');
    expect(run.stderr).toContain('usage: livedesk <command>');
  });

  it('answers an unknown kb command and an unknown option the same way', async () => {
    const subcommand = await cli(seeded, ['kb', 'destroy']);
    const option = await cli(seeded, ['ask', '--colour', 'hi']);

    expect(subcommand.code).toBe(2);
    expect(subcommand.stderr).toContain('unknown kb command "destroy"');
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('usage: livedesk <command>');
  });

  it('prints the usage with exit code 2 without a command, and 0 with --help', async () => {
    const bare = await cli(seeded, []);
    const help = await cli(seeded, ['--help']);

    expect(bare).toMatchObject({ code: 2, stdout: expect.stringContaining('usage: livedesk') as string });
    expect(help).toMatchObject({ code: 0, stdout: bare.stdout });
  });

  it('fails fast with a ConfigError naming an invalid environment variable', async () => {
    const run = cli(seeded, ['ask', 'hello'], { LIVEDESK_EMBEDDER: 'nope' });

    await expect(run).rejects.toThrow(ConfigError);
    await expect(run).rejects.toThrow(/LIVEDESK_EMBEDDER/);
  });
});

describe('bin/livedesk.js', () => {
  const execFileAsync = promisify(execFile);
  /** The parent's environment without any LIVEDESK_ setting that would change what is measured. */
  const childEnvironment = (extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('LIVEDESK_'))),
    ...extra,
  });

  it('runs as a program: answers from LIVEDESK_DATA_DIR, resolved from the current folder', async () => {
    const { stdout, stderr } = await execFileAsync(
      process.execPath,
      [BIN, 'ask', '--json', 'How do I top up coins?'],
      {
        cwd: path.dirname(seeded),
        env: childEnvironment({
          LIVEDESK_DATA_DIR: `./${path.basename(seeded)}`,
          LIVEDESK_VECTOR_INDEX: 'hnsw',
        }),
      },
    );

    expect(stderr).toBe(databaseLine(seeded));
    expect(DecisionJsonSchema.parse(JSON.parse(stdout))).toMatchObject({
      action: 'answer',
      best: { entryId: 'coins.top-up' },
    });
  });

  it('refuses a missing database with one line and exit code 1', async () => {
    const absent = path.join(newFolder(), 'data');

    const failure = await execFileAsync(process.execPath, [BIN, 'kb', 'export', '--data-dir', absent], {
      cwd: REPOSITORY_ROOT,
      env: childEnvironment({}),
    }).then(
      () => expect.unreachable('the command should fail'),
      (error: unknown) => error as { code: number; stdout: string; stderr: string },
    );

    expect(failure).toMatchObject({ code: 1, stdout: '', stderr: missingDatabase(absent) });
    expect(existsSync(absent)).toBe(false);
  });

  it('prints an invalid configuration without a stack trace and exits 1', async () => {
    const run = execFileAsync(process.execPath, [BIN, 'ask', 'hello'], {
      cwd: REPOSITORY_ROOT,
      env: childEnvironment({ LIVEDESK_DATA_DIR: newFolder(), LIVEDESK_EMBEDDER: 'nope' }),
    });

    const failure = await run.then(
      () => expect.unreachable('the command should fail'),
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(failure.code).toBe(1);
    expect(failure.stderr).toMatch(/^invalid configuration:\n {2}LIVEDESK_EMBEDDER: /);
    expect(failure.stderr).not.toMatch(/\n\s+at /);
  });
});

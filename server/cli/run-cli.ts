import { parseArgs } from 'node:util';
import { runEvalCommand } from '../../eval/eval-command.js';
import { REPORT_KB_FLAG, runEditorReportCommand } from '../../eval/editor-report/editor-report-command.js';
import { runSignalsCommand } from '../../eval/signals/signals-command.js';
import { createSqliteKnowledgeStore } from '../../adapters/sqlite/knowledge-store.js';
import { LivedeskError } from '../../knowledge/errors.js';
import { loadConfig, type LivedeskConfig } from '../config.js';
import { createKnowledgeRuntime, databasePath } from '../knowledge-runtime.js';
import { runChat } from './chat-command.js';
import type { CliOutput } from './cli-output.js';
import { decisionToJson, formatDecision } from './format-decision.js';
import { locateDatabase } from './locate-database.js';
import { storeCommand } from './store-command.js';

export const USAGE = `usage: livedesk <command> [--data-dir DIR]

  ask "TEXT" [--room R] [--streamer S] [--json]    match a question and explain the decision
  chat [--room R] [--vip] [--locale zh|en]         talk to the conversation engine (one message a line)
  kb import FILE [--format jsonl|csv]              import entries (all or nothing)
  kb export [--format jsonl|csv] [--out FILE]      export entries
  kb versions [--entry ID] [--limit N]             list recorded changes
  kb revert VERSION_ID                             undo one recorded change
  synonyms import FILE                             import a synonym table (JSON Lines)
  synonyms export                                  print the synonym table
  eval --kb KB.jsonl --cases CASES.jsonl [...]     measure answering on labelled questions (eval --help)
  eval --report-kb --kb KB.jsonl [...]             what to improve: confused entries, weak entries, phrasings to add
  signals train --cases FILE --out MODEL [...]     train the escalation signals' classifiers (signals --help)

Every command but eval works on the server's database, <data dir>/livedesk.sqlite, named on stderr:
the data dir is --data-dir DIR, else LIVEDESK_DATA_DIR (default ./data, from the current folder), as
for the server; a missing database is refused, except by the imports, which create it.

Environment: LIVEDESK_DATA_DIR, LIVEDESK_KNOWLEDGE_BASE (default "default"), LIVEDESK_EMBEDDER
(builtin|transformers|openai), ... (see README.md). Changes are recorded as made by $LIVEDESK_ACTOR or "cli".`;

export interface CliEnvironment {
  env: NodeJS.ProcessEnv;
  output: CliOutput;
  /** Lines for `chat`; standard input when absent. */
  input?: NodeJS.ReadableStream;
}

const OPTIONS = {
  room: { type: 'string' },
  streamer: { type: 'string' },
  json: { type: 'boolean', default: false },
  format: { type: 'string' },
  out: { type: 'string' },
  entry: { type: 'string' },
  limit: { type: 'string', default: '50' },
  help: { type: 'boolean', short: 'h', default: false },
  vip: { type: 'boolean', default: false },
  locale: { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

/** Runs one CLI command; returns the exit code. */
export async function runCli(argv: readonly string[], environment: CliEnvironment): Promise<number> {
  const { output } = environment;
  // eval has its own flags (eval/eval-arguments.ts); the strict parser below would refuse them.
  if (argv[0] === 'eval' && argv.includes(REPORT_KB_FLAG))
    return runEditorReportCommand(argv.slice(1), environment);
  if (argv[0] === 'eval') return runEvalCommand(argv.slice(1), environment);
  if (argv[0] === 'signals') return runSignalsCommand(argv.slice(1), environment);
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    output.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, subcommand, argument] = positionals;
  if (values.help || command === undefined || command === 'help') {
    output.log(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  const dataDir = values['data-dir'];
  const config = loadConfig(
    dataDir === undefined ? environment.env : { ...environment.env, LIVEDESK_DATA_DIR: dataDir },
  );
  const actor = environment.env.LIVEDESK_ACTOR?.trim() || 'cli';
  try {
    if (command === 'ask') {
      const text = positionals.slice(1).join(' ');
      if (!text.trim()) return usageError(output, 'ask needs the question text');
      return await ask(
        config,
        text,
        { room: values.room, streamer: values.streamer, json: values.json },
        output,
      );
    }
    if (command === 'chat') {
      await locateDatabase(config, { mayCreate: false }, output);
      return await runChat(
        withoutSeeding(config),
        {
          room: values.room,
          vip: values.vip,
          locale: values.locale,
          input: environment.input ?? process.stdin,
        },
        output,
      );
    }
    if (command === 'kb' || command === 'synonyms') {
      const resolved = storeCommand({ command, subcommand, argument, values, actor, output });
      if ('usage' in resolved) return usageError(output, resolved.usage);
      await locateDatabase(config, { mayCreate: resolved.mayCreate }, output);
      return await withStore(config, resolved.run);
    }
    return usageError(output, `unknown command "${command}"`);
  } catch (error) {
    if (error instanceof LivedeskError) {
      output.error(`${error.code}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

/**
 * The server seeds the demo into a knowledge base that never held anything; the CLI works on what is
 * there, so it never answers from a demo it has just written into the server's database itself.
 */
function withoutSeeding(config: LivedeskConfig): LivedeskConfig {
  return { ...config, seedDemo: false };
}

function usageError(output: CliOutput, message: string): number {
  output.error(`${message}\n\n${USAGE}`);
  return 2;
}

async function withStore(
  config: LivedeskConfig,
  work: (store: ReturnType<typeof createSqliteKnowledgeStore>) => Promise<number>,
): Promise<number> {
  const store = createSqliteKnowledgeStore({
    path: databasePath(config),
    knowledgeBaseId: config.knowledgeBaseId,
  });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

async function ask(
  config: LivedeskConfig,
  text: string,
  options: { room?: string | undefined; streamer?: string | undefined; json: boolean },
  output: CliOutput,
): Promise<number> {
  await locateDatabase(config, { mayCreate: false }, output);
  const runtime = await createKnowledgeRuntime(withoutSeeding(config));
  try {
    if (runtime.knowledgeBase.matcher.entryCount === 0) {
      output.error(`livedesk: knowledge base "${config.knowledgeBaseId}" holds no entries in this database`);
    }
    const decision = await runtime.knowledgeBase.ask(text, {
      context: { roomId: options.room, streamerId: options.streamer },
    });
    output.log(options.json ? JSON.stringify(decisionToJson(decision), null, 2) : formatDecision(decision));
    return 0;
  } finally {
    await runtime.close();
  }
}

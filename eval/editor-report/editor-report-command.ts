import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
  DEFAULT_EVALUATED_SUGGESTIONS,
  DEFAULT_MAX_TESTED_PHRASINGS,
} from '../../knowledge/editor-report/index.js';
import { LivedeskError } from '../../knowledge/errors.js';
import { readableIssueMessages } from '../../knowledge/io/index.js';
import type { CliOutput } from '../../server/cli/cli-output.js';
import { ConfigError, loadConfig } from '../../server/config.js';
import { loadMatcherConfig } from '../../server/load-matcher-config.js';
import { DomainPacksOptionSchema, EmbedderOptionSchema } from '../eval-arguments.js';
import { parseJsonLines } from '../parse-json-lines.js';
import { readKnowledgeFile, readSynonymsFile } from '../read-knowledge-files.js';
import { readCases } from '../run-case-eval.js';
import { formatEditorReport } from './format-editor-report.js';
import { runEditorReport } from './run-editor-report.js';

export const REPORT_KB_FLAG = '--report-kb';

export const EDITOR_REPORT_USAGE = `usage: livedesk eval --report-kb --kb KB.jsonl [--synonyms FILE] [--cases FILE] [options]

What to improve in a knowledge base: each phrasing asked with it taken out of its entry (leave-one-out),
the entries it confuses, entries with too few phrasings or one language, and phrasings to add, each with
the change it makes on --cases.

  --kb FILE                knowledge base (JSON Lines, or CSV when it ends in .csv)
  --synonyms FILE          synonym table (JSON Lines): its slang gives phrasing variants
  --cases FILE             the knowledge base's labelled questions: each suggestion's change is measured on them
  --gaps FILE              unanswered questions, JSON Lines {"question", "asked"?}: suggested where an entry is near
  --max-phrasings N        phrasings taken out one by one at most; beyond, an even sample (default ${DEFAULT_MAX_TESTED_PHRASINGS})
  --one-at-a-time          re-index once per phrasing taken out (exact; default: one phrasing per language at once)
  --evaluate N             suggestions run against --cases (default ${DEFAULT_EVALUATED_SUGGESTIONS})
  --domain-packs IDS       domain packs to load, comma-separated, or all (default: none, as livedesk eval)
  --config FILE            matcher settings (default: $LIVEDESK_MATCHER_CONFIG, else built-in)
  --embedder KIND          builtin | transformers | openai (fused with builtin) | transformers-only | openai-only
                           (default: $LIVEDESK_EMBEDDER, else builtin)
  --vector-index KIND      auto | sparse | exact | hnsw (default: $LIVEDESK_VECTOR_INDEX, else auto)
  --json FILE              write the report as JSON

Exit status: 0 done, 1 bad input, 2 usage error.`;

const OPTIONS = {
  'report-kb': { type: 'boolean', default: false },
  kb: { type: 'string' },
  synonyms: { type: 'string' },
  cases: { type: 'string' },
  gaps: { type: 'string' },
  'max-phrasings': { type: 'string' },
  evaluate: { type: 'string' },
  'one-at-a-time': { type: 'boolean', default: false },
  'domain-packs': { type: 'string' },
  config: { type: 'string' },
  embedder: { type: 'string' },
  'vector-index': { type: 'string' },
  json: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const file = z.string().trim().min(1);
const ArgumentsSchema = z.object({
  kb: file,
  synonyms: file.optional(),
  cases: file.optional(),
  gaps: file.optional(),
  maxPhrasings: z.coerce.number().int().min(0).max(1_000_000).default(DEFAULT_MAX_TESTED_PHRASINGS),
  evaluate: z.coerce.number().int().min(0).max(100).default(DEFAULT_EVALUATED_SUGGESTIONS),
  domainPacks: DomainPacksOptionSchema,
  config: file.optional(),
  embedder: EmbedderOptionSchema,
  vectorIndex: z.enum(['auto', 'sparse', 'exact', 'hnsw']).optional(),
  json: file.optional(),
});

const GapLineSchema = z.object({
  question: z.string().trim().min(1).max(500),
  asked: z.number().int().min(1).default(1),
});

export interface EditorReportEnvironment {
  env: NodeJS.ProcessEnv;
  output: CliOutput;
  signal?: AbortSignal | undefined;
}

/** `livedesk eval --report-kb ...`: returns the exit status. */
export async function runEditorReportCommand(
  argv: readonly string[],
  environment: EditorReportEnvironment,
): Promise<number> {
  const { output } = environment;
  let values;
  try {
    values = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: false, strict: true }).values;
  } catch (error) {
    output.error(`${(error as Error).message}\n\n${EDITOR_REPORT_USAGE}`);
    return 2;
  }
  if (values.help) {
    output.log(EDITOR_REPORT_USAGE);
    return 0;
  }
  const parsed = ArgumentsSchema.safeParse(
    {
      kb: values.kb,
      synonyms: values.synonyms,
      cases: values.cases,
      gaps: values.gaps,
      maxPhrasings: values['max-phrasings'],
      evaluate: values.evaluate,
      domainPacks: values['domain-packs'],
      config: values.config,
      embedder: values.embedder,
      vectorIndex: values['vector-index'],
      json: values.json,
    },
    { error: readableIssueMessages },
  );
  if (!parsed.success) {
    const message = parsed.error.issues
      .map((issue) => `--${issue.path.join('.')}: ${issue.message}`)
      .join('\n');
    output.error(`${message}\n\n${EDITOR_REPORT_USAGE}`);
    return 2;
  }
  const options = parsed.data;
  try {
    const config = loadConfig({
      ...environment.env,
      ...(options.embedder === undefined ? {} : { LIVEDESK_EMBEDDER: options.embedder }),
      ...(options.vectorIndex === undefined ? {} : { LIVEDESK_VECTOR_INDEX: options.vectorIndex }),
    });
    const configPath = options.config ?? config.matcherConfigFile;
    const entries = await readKnowledgeFile(options.kb);
    const synonyms = options.synonyms === undefined ? [] : await readSynonymsFile(options.synonyms);
    const cases = options.cases === undefined ? undefined : await readCases(options.cases);
    const gaps =
      options.gaps === undefined
        ? undefined
        : parseJsonLines(await readFile(options.gaps, 'utf8'), GapLineSchema, options.gaps).map((gap) => ({
            question: gap.question,
            asked: gap.asked,
          }));
    const report = await runEditorReport(
      {
        entries,
        synonyms,
        suite: cases && { label: options.cases!, cases },
        gaps,
        maxTestedPhrasings: options.maxPhrasings,
        evaluatedSuggestions: options.evaluate,
        oneAtATime: values['one-at-a-time'],
        domainPackIds: options.domainPacks,
        embedder: config.embedder,
        vectorIndex: config.vectorIndex,
        matcherConfig: await loadMatcherConfig(configPath),
      },
      { signal: environment.signal },
    );
    output.log(formatEditorReport(report));
    if (options.json !== undefined) {
      await mkdir(path.dirname(path.resolve(options.json)), { recursive: true });
      await writeFile(options.json, `${JSON.stringify(report, null, 2)}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof LivedeskError || error instanceof ConfigError) {
      output.error(error instanceof LivedeskError ? `${error.code}: ${error.message}` : error.message);
      return 1;
    }
    if (error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
      output.error(`cannot read ${(error as NodeJS.ErrnoException).path ?? 'a file'}: no such file`);
      return 1;
    }
    throw error;
  }
}

import { parseArgs } from 'node:util';
import { z } from 'zod';
import { selectPacks } from '../knowledge/domain-packs/select-packs.js';
import { shippedPacks } from '../knowledge/domain-packs/shipped-packs.js';
import { readableIssueMessages } from '../knowledge/io/index.js';
import { DEFAULT_WRONG_ANSWER_COST } from './answer-objective.js';
import { POLICY_PRESET_NAMES } from './escalation/turn-verdict.js';

export const EVAL_USAGE = `usage: livedesk eval --kb KB.jsonl --cases CASES.jsonl [options]
       livedesk eval --pairs PAIRS.jsonl [--dev PAIRS_DEV.jsonl] [options]

  --kb FILE                knowledge base (JSON Lines, or CSV when it ends in .csv)
  --cases FILE             labelled questions {"text", "expected": id | null, ...}
  --synonyms FILE          synonym table (JSON Lines)
  --domain-packs IDS       domain packs to load, comma-separated (general, show, commerce, social),
                           or all (default: none, so figures do not move unless asked)
  --dev FILE               labelled questions to choose thresholds on (never the scored cases)
  --wrong-answer-cost N    what a wrong reply costs in handovers when choosing thresholds (default ${DEFAULT_WRONG_ANSWER_COST})
  --save-thresholds FILE   write the dev-chosen thresholds as matcher settings (LIVEDESK_MATCHER_CONFIG)
  --config FILE            matcher settings to score with (default: $LIVEDESK_MATCHER_CONFIG, else built-in)
  --embedder KIND          builtin | transformers | openai (fused with builtin) | transformers-only | openai-only
                           (default: $LIVEDESK_EMBEDDER, else builtin)
  --vector-index KIND      auto | sparse | exact | hnsw (default: $LIVEDESK_VECTOR_INDEX, else auto)
  --pairs FILE             question pairs {"a", "b", "same"}: ROC AUC and accuracy of the similarity score
  --json FILE              write the report as JSON
  --html FILE              write a self-contained HTML report (cases only)
  --baseline FILE          compare with an earlier --json report; exit 3 when a metric got worse
  --tolerance X            how much worse (absolute, 0..1) a metric may get before --baseline fails (default 0.02)
  --misses N               worst misses kept in the report (default 20)
  --policy PRESET          show | commerce | social: the escalation policy that cases with an
                           "escalate" label are run through, as a viewer's first message (default show)
  --signals-model FILE     a trained signal model (livedesk signals train) for those cases
                           (default: $LIVEDESK_SIGNALS_MODEL, else the word lists and intents alone)

Exit status: 0 done, 1 bad input, 2 usage error, 3 worse than the baseline.`;

/** `--domain-packs`: pack ids in load order, `all` for every shipped pack, absent for none. */
export const DomainPacksOptionSchema = z
  .string()
  .optional()
  .transform((value, context) => {
    const trimmed = value?.trim().toLowerCase();
    const selection = selectPacks(shippedPacks(), trimmed === 'all' ? undefined : (trimmed ?? 'none'), 'all');
    if (selection.ok) return selection.ids;
    context.addIssue({ code: 'custom', message: selection.message });
    return z.NEVER;
  });

/** `--embedder`: the dense kinds are fused with the builtin embedder unless `-only`. */
export const EmbedderOptionSchema = z
  .enum(['builtin', 'transformers', 'openai', 'transformers-only', 'openai-only'])
  .optional();

const OPTIONS = {
  kb: { type: 'string' },
  cases: { type: 'string' },
  synonyms: { type: 'string' },
  'domain-packs': { type: 'string' },
  dev: { type: 'string' },
  'wrong-answer-cost': { type: 'string' },
  'save-thresholds': { type: 'string' },
  config: { type: 'string' },
  embedder: { type: 'string' },
  'vector-index': { type: 'string' },
  pairs: { type: 'string' },
  json: { type: 'string' },
  html: { type: 'string' },
  baseline: { type: 'string' },
  tolerance: { type: 'string' },
  misses: { type: 'string' },
  policy: { type: 'string' },
  'signals-model': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const file = z.string().trim().min(1);

const CommonSchema = z.object({
  embedder: EmbedderOptionSchema,
  json: file.optional(),
  baseline: file.optional(),
  tolerance: z.coerce.number().min(0).max(1).default(0.02),
});

export const CaseEvalArgumentsSchema = CommonSchema.extend({
  mode: z.literal('cases'),
  kb: file,
  cases: file,
  synonyms: file.optional(),
  /** Pack ids in load order; `all` every shipped pack; absent: none. */
  domainPacks: DomainPacksOptionSchema,
  dev: file.optional(),
  wrongAnswerCost: z.coerce.number().min(0).max(100).default(DEFAULT_WRONG_ANSWER_COST),
  saveThresholds: file.optional(),
  config: file.optional(),
  vectorIndex: z.enum(['auto', 'sparse', 'exact', 'hnsw']).optional(),
  html: file.optional(),
  misses: z.coerce.number().int().min(0).max(1000).default(20),
  policy: z.enum(POLICY_PRESET_NAMES).default('show'),
  signalsModel: file.optional(),
}).refine((value) => value.saveThresholds === undefined || value.dev !== undefined, {
  message: '--save-thresholds needs --dev: it saves the thresholds chosen there',
  path: ['saveThresholds'],
});
export type CaseEvalArguments = z.infer<typeof CaseEvalArgumentsSchema>;

export const PairEvalArgumentsSchema = CommonSchema.extend({
  mode: z.literal('pairs'),
  pairs: file,
  dev: file.optional(),
});
export type PairEvalArguments = z.infer<typeof PairEvalArgumentsSchema>;

export type EvalArguments = CaseEvalArguments | PairEvalArguments;

export type ParsedEvalArguments =
  { ok: true; help: boolean; arguments?: EvalArguments } | { ok: false; message: string };

const PAIR_ONLY_UNSUPPORTED = [
  'kb',
  'cases',
  'synonyms',
  'domain-packs',
  'save-thresholds',
  'config',
  'vector-index',
  'html',
  'misses',
  'wrong-answer-cost',
  'policy',
  'signals-model',
] as const;

/** The flags of `livedesk eval`, checked: a typo or a missing file name is a usage error, never a default. */
export function parseEvalArguments(argv: readonly string[]): ParsedEvalArguments {
  let values;
  try {
    const parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: false, strict: true });
    values = parsed.values;
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  if (values.help) return { ok: true, help: true };
  const common = {
    embedder: values.embedder,
    json: values.json,
    baseline: values.baseline,
    tolerance: values.tolerance,
  };
  let parsed;
  if (values.pairs !== undefined) {
    const unsupported = PAIR_ONLY_UNSUPPORTED.filter((flag) => values[flag] !== undefined);
    if (unsupported.length > 0)
      return {
        ok: false,
        message: `--pairs does not take ${unsupported.map((flag) => `--${flag}`).join(', ')}`,
      };
    parsed = PairEvalArgumentsSchema.safeParse(
      { mode: 'pairs', ...common, pairs: values.pairs, dev: values.dev },
      { error: readableIssueMessages },
    );
  } else {
    parsed = CaseEvalArgumentsSchema.safeParse(
      {
        mode: 'cases',
        ...common,
        kb: values.kb,
        cases: values.cases,
        synonyms: values.synonyms,
        domainPacks: values['domain-packs'],
        dev: values.dev,
        wrongAnswerCost: values['wrong-answer-cost'],
        saveThresholds: values['save-thresholds'],
        config: values.config,
        vectorIndex: values['vector-index'],
        html: values.html,
        misses: values.misses,
        policy: values.policy,
        signalsModel: values['signals-model'],
      },
      { error: readableIssueMessages },
    );
  }
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const flag = String(issue.path[0] ?? '').replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
      return issue.message.startsWith('--') ? issue.message : `--${flag}: ${issue.message}`;
    });
    return { ok: false, message: problems.join('\n') };
  }
  return { ok: true, help: false, arguments: parsed.data };
}

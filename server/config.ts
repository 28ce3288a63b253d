import path from 'node:path';
import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** Every environment variable Livedesk reads, in one place. */
export const EnvironmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  LIVEDESK_DATA_DIR: z.string().trim().min(1).default('./data'),
  LIVEDESK_KNOWLEDGE_BASE: z.string().trim().min(1).max(128).default('default'),
  LIVEDESK_EMBEDDER: z.enum(['builtin', 'transformers', 'openai']).default('builtin'),
  LIVEDESK_EMBEDDING_MODEL: optionalText,
  LIVEDESK_MODEL_PATH: optionalText,
  LIVEDESK_MODEL_CACHE_DIR: optionalText,
  LIVEDESK_ALLOW_MODEL_DOWNLOAD: booleanFlag.default(true),
  LIVEDESK_EMBEDDING_BASE_URL: optionalText,
  LIVEDESK_EMBEDDING_API_KEY: optionalText,
  LIVEDESK_EMBEDDING_DIMENSIONS: z.coerce.number().int().min(1).max(65_536).optional(),
  LIVEDESK_VECTOR_INDEX: z.enum(['auto', 'sparse', 'exact', 'hnsw']).default('auto'),
  LIVEDESK_MATCHER_CONFIG: optionalText,
  LIVEDESK_SEED_DEMO: booleanFlag.default(true),
  LIVEDESK_LLM_BASE_URL: optionalText,
  LIVEDESK_LLM_MODEL: optionalText,
  LIVEDESK_LLM_API_KEY: optionalText,
  LIVEDESK_LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(20_000),
  LIVEDESK_LLM_FIRST_TOKEN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(4_000),
  LIVEDESK_LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(1),
  LIVEDESK_SCENARIO: z.enum(['show', 'commerce', 'social']).default('show'),
});

/** An OpenAI-compatible chat endpoint; absent means entries are answered as written. */
export interface LlmConfig {
  baseURL: string;
  model: string;
  apiKey?: string | undefined;
  timeoutMs: number;
  firstTokenTimeoutMs: number;
  maxRetries: number;
}

export type EmbedderConfig =
  | { kind: 'builtin' }
  | {
      kind: 'transformers';
      model: string;
      localModelPath?: string | undefined;
      cacheDir?: string | undefined;
      allowRemoteModels: boolean;
    }
  | {
      kind: 'openai';
      baseURL: string;
      apiKey?: string | undefined;
      model: string;
      dimensions?: number | undefined;
    };

export interface LivedeskConfig {
  port: number;
  dataDir: string;
  knowledgeBaseId: string;
  embedder: EmbedderConfig;
  /** `auto`: the sparse inverted index for the builtin embedder's hashed features, HNSW for dense models. */
  vectorIndex: 'auto' | 'sparse' | 'exact' | 'hnsw';
  /** A JSON file of matcher settings (thresholds from `livedesk eval --save-thresholds`, calibration). */
  matcherConfigFile?: string | undefined;
  seedDemo: boolean;
  llm?: LlmConfig | undefined;
  /** Which escalation preset applies: show streaming, live e-commerce or 1-on-1 social. */
  scenario: 'show' | 'commerce' | 'social';
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads configuration once, failing fast with every problem named. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): LivedeskConfig {
  const parsed = EnvironmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
      .join('\n');
    throw new ConfigError(`invalid configuration:\n${problems}`);
  }
  const env = parsed.data;
  return {
    port: env.PORT,
    dataDir: path.resolve(env.LIVEDESK_DATA_DIR),
    knowledgeBaseId: env.LIVEDESK_KNOWLEDGE_BASE,
    embedder: embedderConfig(env),
    vectorIndex: env.LIVEDESK_VECTOR_INDEX,
    matcherConfigFile: env.LIVEDESK_MATCHER_CONFIG,
    seedDemo: env.LIVEDESK_SEED_DEMO,
    llm: llmConfig(env),
    scenario: env.LIVEDESK_SCENARIO,
  };
}

function llmConfig(env: z.infer<typeof EnvironmentSchema>): LlmConfig | undefined {
  if (!env.LIVEDESK_LLM_BASE_URL && !env.LIVEDESK_LLM_MODEL) return undefined;
  if (!env.LIVEDESK_LLM_BASE_URL || !env.LIVEDESK_LLM_MODEL) {
    throw new ConfigError('an LLM needs both LIVEDESK_LLM_BASE_URL and LIVEDESK_LLM_MODEL');
  }
  return {
    baseURL: env.LIVEDESK_LLM_BASE_URL,
    model: env.LIVEDESK_LLM_MODEL,
    apiKey: env.LIVEDESK_LLM_API_KEY,
    timeoutMs: env.LIVEDESK_LLM_TIMEOUT_MS,
    firstTokenTimeoutMs: env.LIVEDESK_LLM_FIRST_TOKEN_TIMEOUT_MS,
    maxRetries: env.LIVEDESK_LLM_MAX_RETRIES,
  };
}

function embedderConfig(env: z.infer<typeof EnvironmentSchema>): EmbedderConfig {
  switch (env.LIVEDESK_EMBEDDER) {
    case 'builtin':
      return { kind: 'builtin' };
    case 'transformers':
      return {
        kind: 'transformers',
        model: env.LIVEDESK_EMBEDDING_MODEL ?? 'Xenova/multilingual-e5-small',
        localModelPath: env.LIVEDESK_MODEL_PATH,
        cacheDir: env.LIVEDESK_MODEL_CACHE_DIR,
        allowRemoteModels: env.LIVEDESK_ALLOW_MODEL_DOWNLOAD,
      };
    case 'openai':
      if (!env.LIVEDESK_EMBEDDING_BASE_URL || !env.LIVEDESK_EMBEDDING_MODEL) {
        throw new ConfigError(
          'LIVEDESK_EMBEDDER=openai needs LIVEDESK_EMBEDDING_BASE_URL and LIVEDESK_EMBEDDING_MODEL',
        );
      }
      return {
        kind: 'openai',
        baseURL: env.LIVEDESK_EMBEDDING_BASE_URL,
        apiKey: env.LIVEDESK_EMBEDDING_API_KEY,
        model: env.LIVEDESK_EMBEDDING_MODEL,
        dimensions: env.LIVEDESK_EMBEDDING_DIMENSIONS,
      };
  }
}

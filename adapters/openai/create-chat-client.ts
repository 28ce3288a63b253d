import OpenAI from 'openai';

export interface ChatClientOptions {
  baseURL: string;
  apiKey?: string | undefined;
  /** The SDK's own per-attempt bound; the adapters enforce theirs with signals. */
  timeoutMs: number;
}

/**
 * An SDK client for chat completions. Every credential option is given explicitly so the SDK never
 * falls back to OPENAI_* environment variables, retries are off (the adapters retry themselves, so
 * that an abort also cuts a wait short), and the SDK logs nothing (it would log viewer text).
 */
export function createChatClient(options: ChatClientOptions): OpenAI {
  return new OpenAI({
    baseURL: options.baseURL,
    // The SDK insists on a credential; without a key the header is removed instead.
    apiKey: options.apiKey ?? 'no-api-key',
    adminAPIKey: null,
    organization: null,
    project: null,
    webhookSecret: null,
    timeout: options.timeoutMs,
    maxRetries: 0,
    logLevel: 'off',
    ...(options.apiKey === undefined ? { defaultHeaders: { Authorization: null } } : {}),
  });
}

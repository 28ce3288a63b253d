import type { Locale } from '../../knowledge/entry.js';

/** Translates one chat message between viewer and agent (an LLM adapter); throws on any failure. */
export interface MessageTranslator {
  translate(request: { text: string; to: Locale }, options: { signal: AbortSignal }): Promise<string>;
}

export type TranslationOutcome = { ok: true; text: string } | { ok: false; reason: string };

/**
 * The translation within `timeoutMs`, or why there is none: a reply never waits longer than the budget,
 * and a failure leaves the original to go through unchanged.
 */
export async function translateWithin(
  translator: MessageTranslator | undefined,
  request: { text: string; to: Locale },
  timeoutMs: number,
): Promise<TranslationOutcome> {
  if (!translator) return { ok: false, reason: 'no translator is configured' };
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const text = await Promise.race([
      translator.translate(request, { signal }),
      new Promise<never>((_, reject) =>
        signal.addEventListener('abort', () => reject(new Error(`no translation within ${timeoutMs} ms`))),
      ),
    ]);
    return { ok: true, text };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Whether two languages differ enough to translate ('zh' and 'zh-Hant' both read Chinese). */
export function needsTranslation(from: Locale | undefined, to: Locale): boolean {
  if (from === undefined) return false;
  return from.split('-')[0] !== to.split('-')[0];
}

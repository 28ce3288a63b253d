import { ApiError } from '../shared/api-client.js';
import type { ConsoleTexts } from './console-texts.js';

/** A refused request or a failure, in the console's language (the server's words are English). */
export function describeProblem(error: unknown, texts: ConsoleTexts): string {
  if (error instanceof ApiError) {
    const detail = error.issues[0]
      ? `${error.message}: ${error.issues[0].path} ${error.issues[0].message}`
      : error.message;
    return texts.httpError(error.code, error.status, detail);
  }
  if (error instanceof Error && error.name === 'AbortError') return texts.cancelled;
  return texts.httpError('internal', 0, error instanceof Error ? error.message : String(error));
}

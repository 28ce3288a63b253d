/**
 * Answers that name commerce tools (issue 15): `{{order.id}}` is field `id` of tool `order`'s mapped
 * response. Pure text handling here; running the tools is the server's (server/tools/).
 *
 * The fallback is the answer without its template lines: every line that holds a placeholder is dropped,
 * so an editor writes the general answer on lines of its own, e.g.
 *
 *     您的订单 {{order.id}} 已由 {{shipment.carrier}} 送往 {{shipment.city}}，预计 {{shipment.eta}} 送达。
 *     订单物流也可以在「我的 - 订单」里查看。
 *
 * A viewer who is not identified, or whose look-up fails, gets the second line only.
 */

/** `{{tool.field}}`; names are lower-case words (tool names) and camelCase fields. */
const PLACEHOLDER = /\{\{\s*([a-z][a-z0-9_]{0,63})\.([A-Za-z][A-Za-z0-9_]{0,63})\s*\}\}/g;

export interface TemplatePlaceholder {
  tool: string;
  field: string;
}

/** The placeholders of an answer, in order of appearance, each once. */
export function templatePlaceholders(answer: string): TemplatePlaceholder[] {
  const seen = new Set<string>();
  const found: TemplatePlaceholder[] = [];
  for (const match of answer.matchAll(PLACEHOLDER)) {
    const key = `${match[1]}.${match[2]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    found.push({ tool: match[1]!, field: match[2]! });
  }
  return found;
}

export function isTemplateAnswer(answer: string): boolean {
  return templatePlaceholders(answer).length > 0;
}

/** The answer with every line that holds a placeholder removed; '' when nothing else is left. */
export function templateFallback(answer: string): string {
  return answer
    .split('\n')
    .filter((line) => !new RegExp(PLACEHOLDER.source).test(line))
    .join('\n')
    .trim();
}

/**
 * The answer with each placeholder replaced by `values['tool.field']`; undefined when one has no value (the
 * caller then sends the fallback: a half-filled answer is never sent).
 */
export function fillTemplate(answer: string, values: ReadonlyMap<string, string>): string | undefined {
  let missing = false;
  const filled = answer.replace(PLACEHOLDER, (_text, tool: string, field: string) => {
    const value = values.get(`${tool}.${field}`);
    if (value === undefined) missing = true;
    return value ?? '';
  });
  return missing ? undefined : filled;
}

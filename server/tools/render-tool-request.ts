import type { ToolCallContext } from './tool-call.js';
import { ARGUMENT_PLACEHOLDER, type ToolDefinition } from './tool-definition.js';

export type RenderedRequest =
  | { ok: true; url: URL; body: string | undefined }
  | { ok: false; code: 'not_verified' | 'missing_argument'; message: string };

class MissingArgument extends Error {
  constructor(
    readonly code: 'not_verified' | 'missing_argument',
    message: string,
  ) {
    super(message);
  }
}

/** One argument's value, or a MissingArgument: a call never goes out with a hole in it. */
function valueOf(source: string, field: string, context: ToolCallContext): string {
  const missing = () => new MissingArgument('missing_argument', `no value for {{${source}.${field}}}`);
  let value: unknown;
  if (source === 'viewer') {
    const verified = context.verified;
    if (!verified) throw new MissingArgument('not_verified', 'the viewer is not identified');
    value = field.startsWith('attributes.')
      ? verified.attributes?.[field.slice('attributes.'.length)]
      : verified[field as 'userId' | 'platformId' | 'vipLevel'];
  } else if (source === 'live') {
    value = context.liveContext[field as 'productInView' | 'roomId' | 'streamerId'];
  } else if (source === 'conversation') {
    value = field === 'id' ? context.conversationId : context.liveContext.roomId;
  } else {
    value = context.results?.get(source)?.[field];
  }
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw missing();
}

function fill(template: string, context: ToolCallContext, encode: (value: string) => string): string {
  return template.replace(
    new RegExp(ARGUMENT_PLACEHOLDER.source, 'g'),
    (_text, source: string, field: string) => encode(valueOf(source, field, context)),
  );
}

/**
 * encodeURIComponent leaves "." and ".." as they are, and a URL parser resolves them (also as %2e%2e), so a
 * room id of ".." would climb a path segment: such values are refused outright.
 */
function encodePathSafe(value: string): string {
  if (/^(?:\.|%2e){1,2}$/i.test(value))
    throw new MissingArgument('missing_argument', 'a dot segment ("." or "..") is never a value');
  return encodeURIComponent(value);
}

function fillJson(value: unknown, context: ToolCallContext): unknown {
  if (typeof value === 'string') return fill(value, context, (text) => text);
  if (Array.isArray(value)) return value.map((item) => fillJson(item, context));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillJson(item, context)]));
  return value;
}

/**
 * The request a definition makes in this context: URL values URL-encoded (a value can never add a path
 * segment, a query parameter or change the host), the body built as JSON (never by string pasting).
 */
export function renderToolRequest(tool: ToolDefinition, context: ToolCallContext): RenderedRequest {
  try {
    const url = new URL(fill(tool.url, context, encodePathSafe));
    const body = tool.body === undefined ? undefined : JSON.stringify(fillJson(tool.body, context));
    return { ok: true, url, body };
  } catch (error) {
    if (error instanceof MissingArgument) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}

import { isIP } from 'node:net';
import { z } from 'zod';

/** The environment variables a tool's auth header may read: made for tools, so nothing else leaks. */
export const TOOL_SECRET_ENV_PATTERN = /^LIVEDESK_TOOL_SECRET_[A-Z0-9_]{1,100}$/;

/**
 * A commerce look-up the operator declares (issue 15): an HTTP call whose URL and body are templates over
 * what Livedesk itself vouches for, and whose JSON answer is mapped to named, typed fields. Checked here
 * before it is saved (admin) or loaded (LIVEDESK_TOOLS_FILE).
 */

/** Names double as template prefixes (`{{order.id}}`), so these belong to the argument sources. */
export const RESERVED_TOOL_NAMES = ['viewer', 'live', 'conversation'] as const;

export const ToolNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, 'name: lower-case letters, digits and _, starting with a letter')
  .refine((name) => !(RESERVED_TOOL_NAMES as readonly string[]).includes(name), {
    message: `name may not be ${RESERVED_TOOL_NAMES.join(', ')} (they are argument sources)`,
  });

const FieldNameSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'field names are words');

/** RFC 6901: '' is the whole document, '/orders/0/id' a path into it. */
const JsonPointerSchema = z
  .string()
  .max(512)
  .regex(/^(\/([^~/]|~[01])*)*$/, 'a JSON pointer such as /order/id');

const ScalarTypeSchema = z.enum(['string', 'number', 'boolean']);

const ScalarFieldSchema = z.object({
  pointer: JsonPointerSchema,
  type: ScalarTypeSchema,
  /** Absent in the response: the field is left out instead of failing the call. */
  optional: z.boolean().default(false),
});

const ListFieldSchema = z.object({
  pointer: JsonPointerSchema,
  type: z.literal('list'),
  optional: z.boolean().default(false),
  /** Each item's fields, pointers relative to the item. */
  items: z.record(FieldNameSchema, ScalarFieldSchema).refine((items) => Object.keys(items).length > 0, {
    message: 'a list maps at least one item field',
  }),
  maxItems: z.number().int().min(1).max(100).default(20),
});

export const ResponseFieldSchema = z.union([ScalarFieldSchema, ListFieldSchema]);
export type ResponseField = z.infer<typeof ResponseFieldSchema>;

/** `{{viewer.userId}}`, `{{viewer.attributes.city}}`, `{{live.productInView}}`, `{{order.shipmentId}}`… */
export const ARGUMENT_PLACEHOLDER =
  /\{\{\s*([a-z][a-z0-9_]*)\.([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)?)\s*\}\}/g;

/** What each argument source offers: never the viewer's own words. */
const SOURCE_FIELDS: Record<(typeof RESERVED_TOOL_NAMES)[number], RegExp> = {
  viewer: /^(userId|platformId|vipLevel|attributes\.[A-Za-z0-9_]+)$/,
  live: /^(productInView|roomId|streamerId)$/,
  conversation: /^(id|roomId)$/,
};

export interface ArgumentReference {
  source: string;
  field: string;
}

export function argumentReferences(template: string): ArgumentReference[] {
  return [...template.matchAll(new RegExp(ARGUMENT_PLACEHOLDER.source, 'g'))].map((match) => ({
    source: match[1]!,
    field: match[2]!,
  }));
}

const JsonBodySchema: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    z.string().max(2000),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(JsonBodySchema).max(100),
    z.record(z.string().max(128), JsonBodySchema),
  ]),
);

const HostSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine((host) => isIP(host) !== 0 || /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/.test(host), {
    message: 'a host name or an IP address',
  });

export const ToolDefinitionSchema = z
  .object({
    name: ToolNameSchema,
    /** What the LLM composer and the admin read; plain words. */
    description: z.string().trim().min(1).max(1000),
    method: z.enum(['GET', 'POST']).default('GET'),
    /** `https://shop.example/api/users/{{viewer.userId}}/orders`; values are URL-encoded when filled. */
    url: z.string().trim().min(1).max(2000),
    /** A JSON value whose strings may hold placeholders (each filled as a string); POST only. */
    body: JsonBodySchema.optional(),
    /** The header's value comes from the environment variable named here, never from the definition. */
    auth: z
      .object({
        header: z
          .string()
          .regex(/^[A-Za-z0-9-]{1,64}$/)
          .default('Authorization'),
        // Only variables made for tools: an admin must never be able to send LIVEDESK_SECRET or the
        // database URL to a host of their choosing.
        env: z
          .string()
          .regex(
            TOOL_SECRET_ENV_PATTERN,
            'an environment variable named LIVEDESK_TOOL_SECRET_<NAME> (A-Z, 0-9, _)',
          ),
        /** Put before the value: 'Bearer '. */
        prefix: z.string().max(32).default(''),
      })
      .optional(),
    timeoutMs: z.number().int().min(50).max(30_000).default(3_000),
    maxResponseBytes: z.number().int().min(64).max(1_048_576).default(65_536),
    /** Hosts the URL may name; the URL's host must be one of them. */
    allowedHosts: z.array(HostSchema).min(1).max(20),
    /** Named, typed fields read from the JSON response. */
    response: z
      .record(FieldNameSchema, ResponseFieldSchema)
      .refine((fields) => Object.keys(fields).length > 0, {
        message: 'map at least one response field',
      }),
  })
  .superRefine((tool, context) => {
    const issue = (path: (string | number)[], message: string) =>
      context.addIssue({ code: 'custom', path, message });
    let url: URL;
    try {
      url = new URL(tool.url);
    } catch {
      issue(['url'], 'not a URL');
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') issue(['url'], 'http:// or https:// only');
    if (url.username || url.password) issue(['url'], 'credentials go in `auth`, never in the URL');
    if (/[{}]/.test(decodeURIComponent(url.host)) || /\{\{/.test(tool.url.split('/').slice(0, 3).join('/')))
      issue(['url'], 'the host may not be a template');
    const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (!tool.allowedHosts.includes(host))
      issue(['allowedHosts'], `the URL's host ${host} is not in allowedHosts`);
    if (tool.body !== undefined && tool.method !== 'POST') issue(['body'], 'a body goes with POST only');
    const templates = [tool.url, ...stringsOf(tool.body)];
    for (const reference of templates.flatMap(argumentReferences)) {
      const allowed = SOURCE_FIELDS[reference.source as keyof typeof SOURCE_FIELDS];
      if (allowed && !allowed.test(reference.field))
        issue(['url'], `{{${reference.source}.${reference.field}}} is not an argument Livedesk offers`);
      if (!allowed && reference.source === tool.name) issue(['url'], 'a tool may not use its own fields');
    }
  });
export type ToolDefinition = z.infer<typeof ToolDefinitionSchema>;
export type ToolDefinitionInput = z.input<typeof ToolDefinitionSchema>;

/** Every string inside a JSON value. */
export function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

/** The other tools whose fields this one's URL or body needs (`order` for `{{order.shipmentId}}`). */
export function toolDependencies(tool: ToolDefinition): string[] {
  const names = [tool.url, ...stringsOf(tool.body)]
    .flatMap(argumentReferences)
    .map((reference) => reference.source)
    .filter((source) => !(RESERVED_TOOL_NAMES as readonly string[]).includes(source));
  return [...new Set(names)];
}

/** Whether a call needs the verified identity (then an anonymous viewer never triggers it). */
export function needsVerifiedViewer(tool: ToolDefinition): boolean {
  return [tool.url, ...stringsOf(tool.body)].flatMap(argumentReferences).some((r) => r.source === 'viewer');
}

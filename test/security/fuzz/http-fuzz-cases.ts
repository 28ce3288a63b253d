import {
  deepNesting,
  hugeString,
  mutateJson,
  mutateText,
  NASTY_STRINGS,
  writeJson,
  type FuzzValue,
  type Json,
} from './fuzz-json.js';
import type { FuzzRandom } from './fuzz-random.js';
import type { RawRequest } from './raw-http.js';
import { schemaExample, type JsonSchema } from './schema-example.js';

interface OpenApiParameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonSchema;
}

/** One operation of the OpenAPI document, as the fuzz uses it. */
export interface FuzzOperation {
  method: string;
  path: string;
  parameters: OpenApiParameter[];
  body: { contentType: string; schema: JsonSchema } | undefined;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: OpenApiParameter[];
        requestBody?: { content: Record<string, { schema: JsonSchema }> };
      }
    >
  >;
}

/** Every operation the server documents: a route added later is fuzzed without touching this test. */
export function operationsOf(document: unknown): FuzzOperation[] {
  const operations: FuzzOperation[] = [];
  for (const [path, methods] of Object.entries((document as OpenApiDocument).paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const content = Object.entries(operation.requestBody?.content ?? {})[0];
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: operation.parameters ?? [],
        body: content ? { contentType: content[0], schema: content[1].schema } : undefined,
      });
    }
  }
  return operations;
}

export type Credential = 'admin' | 'agent' | 'editor' | 'none' | 'garbage';

export interface HttpFuzzContext {
  tokens: Record<'admin' | 'agent' | 'editor', string>;
  /** Ids the server knows, by path parameter name; `id` holds every kind. */
  knownIds: (name: string) => readonly string[];
  /** A valid knowledge entry, the base of import lines. */
  entrySchema: JsonSchema;
}

export interface HttpCase {
  operation: FuzzOperation;
  credential: Credential;
  request: RawRequest;
  /** What kind of body went with it, for the report. */
  bodyKind: string;
}

/** Path segments: known ids, nasty strings encoded, and encodings that are themselves broken. */
function pathValue(random: FuzzRandom, context: HttpFuzzContext, name: string): string {
  return random.weighted<() => string>([
    [5, () => encodeURIComponent(random.pick([...context.knownIds(name), 'missing-id']))],
    [
      4,
      () =>
        encodeURIComponent(
          random.pick(NASTY_STRINGS.filter((text) => text !== '')).replace(/[\ud800-\udfff]/g, '?'),
        ),
    ],
    [1, () => encodeURIComponent(hugeString(random, 6_000).replace(/[\ud800-\udfff]/g, '?'))],
    [
      3,
      () =>
        random.pick([
          '%',
          '%zz',
          '%ED%A0%80',
          '%C0%AF',
          '%FF',
          '%00',
          '..%2F..%2Fetc%2Fpasswd',
          '%2e%2e',
          '.',
          '..',
          '%20',
          '-1',
          '0',
          '1e999',
          'NaN',
        ]),
    ],
  ])();
}

function queryValue(random: FuzzRandom, schema: JsonSchema | undefined): string {
  if (schema && random.chance(0.5)) {
    const example = schemaExample(random, schema);
    return encodeURIComponent(typeof example === 'string' ? example : JSON.stringify(example));
  }
  return random.weighted<() => string>([
    [4, () => encodeURIComponent(random.pick(NASTY_STRINGS).replace(/[\ud800-\udfff]/g, '?'))],
    [1, () => encodeURIComponent('9'.repeat(400))],
    [
      2,
      () => random.pick(['%', '%zz', '%ED%A0%80', '%00', '-1', '0', '1e308', 'NaN', 'true', '[]', '%5B%5D']),
    ],
    [1, () => 'x'.repeat(random.int(1_000, 6_000))],
  ])();
}

function queryString(random: FuzzRandom, operation: FuzzOperation): string {
  const parts: string[] = [];
  for (const parameter of operation.parameters.filter((candidate) => candidate.in === 'query')) {
    if (!random.chance(0.5)) continue;
    const value = queryValue(random, parameter.schema);
    parts.push(`${parameter.name}=${value}`);
    if (random.chance(0.1)) parts.push(`${parameter.name}=${queryValue(random, parameter.schema)}`);
  }
  if (random.chance(0.15))
    parts.push(
      `${random.pick(['__proto__', 'constructor', 'x', 'limit', 'cursor'])}=${queryValue(random, undefined)}`,
    );
  if (random.chance(0.05)) parts.push(random.pick(['&&&', '=', '==x', 'a[b]=c', 'a[]=1&a[]=2']));
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

/** JSON Lines or CSV text for the import route: valid lines from the entry schema, then broken ones. */
function importBody(random: FuzzRandom, context: HttpFuzzContext): string {
  const lines = Array.from({ length: random.int(1, 6) }, () => {
    const entry = schemaExample(random, context.entrySchema) as Record<string, Json>;
    entry.id = `fuzz-import-${random.int(0, 99_999)}`;
    const text = random.chance(0.5) ? JSON.stringify(entry) : writeJson(mutateJson(random, entry));
    return random.chance(0.2) ? mutateText(random, text) : text;
  });
  return random.weighted<() => string>([
    [6, () => lines.join('\n')],
    [1, () => `${lines.join('\r\n')}\r\n\u0000\n`],
    [1, () => 'id,locale,question,answer\nfuzz-1,xx,问题,答案\nfuzz-2,zh,"unterminated,答案\n'],
    [1, () => `id,locale,question,answer\nfuzz-3,zh,a\u0000b,c\n`],
    [1, () => random.pick(['', '\n\n', '[]', 'null', '\ufeff{}'])],
  ])();
}

/** A body for an operation: its schema's example, mutated, cut short, mislabelled, empty or huge. */
function body(
  random: FuzzRandom,
  operation: FuzzOperation,
  context: HttpFuzzContext,
): { bytes: Buffer | undefined; contentType: string | undefined; kind: string } {
  const declared = operation.body;
  if (!declared) {
    if (!random.chance(0.08)) return { bytes: undefined, contentType: undefined, kind: 'none' };
    return { bytes: Buffer.from('{"unexpected":true}'), contentType: 'application/json', kind: 'unexpected' };
  }
  const kind = random.weighted<string>([
    [25, 'valid'],
    [35, 'mutated'],
    [15, 'text'],
    [8, 'content-type'],
    [5, 'empty'],
    [3, 'huge'],
    [3, 'deep'],
    [3, 'not-utf8'],
  ]);
  const isImport = declared.contentType === 'text/plain';
  const example = isImport ? importBody(random, context) : schemaExample(random, declared.schema);
  const valid = typeof example === 'string' && isImport ? example : JSON.stringify(example);
  const contentType = declared.contentType;
  switch (kind) {
    case 'valid':
      return { bytes: Buffer.from(valid), contentType, kind };
    case 'mutated':
      return {
        bytes: Buffer.from(
          isImport ? importBody(random, context) : writeJson(mutateJson(random, example as FuzzValue)),
        ),
        contentType,
        kind,
      };
    case 'text':
      return { bytes: Buffer.from(mutateText(random, valid)), contentType, kind };
    case 'content-type':
      return {
        bytes: Buffer.from(random.chance(0.5) ? valid : `a=1&b=${encodeURIComponent(valid)}`),
        contentType: random.pick([
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/json; charset=utf-16',
          'application/xml',
          '',
          'application/json',
        ]),
        kind,
      };
    case 'empty':
      return { bytes: Buffer.alloc(0), contentType, kind };
    case 'huge':
      // Past the 1 MiB cap of ordinary routes; imports allow more and get a huge but legal body.
      return {
        bytes: Buffer.from(
          isImport
            ? `${valid}\n`.repeat(Math.ceil((1.2 * 1024 * 1024) / (valid.length + 1)))
            : `{"x":"${'x'.repeat(1.1 * 1024 * 1024)}"}`,
        ),
        contentType,
        kind,
      };
    case 'deep':
      return { bytes: Buffer.from(deepNesting(random, random.int(1_000, 100_000)).text), contentType, kind };
    default:
      return {
        bytes: Buffer.concat([
          Buffer.from(valid.slice(0, 10)),
          Buffer.from([0xff, 0xfe, 0xc0, 0xaf, 0xed, 0xa0, 0x80]),
        ]),
        contentType,
        kind,
      };
  }
}

const OTHER_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'];

/** One request against one operation: who asks, where (path and query), with what body. */
export function httpCase(
  random: FuzzRandom,
  operations: readonly FuzzOperation[],
  context: HttpFuzzContext,
): HttpCase {
  const operation = random.pick(operations);
  const credential = random.weighted<Credential>([
    [60, 'admin'],
    [15, 'none'],
    [10, 'agent'],
    [5, 'editor'],
    [10, 'garbage'],
  ]);
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => pathValue(random, context, name));
  const method = random.chance(0.08) ? random.pick(OTHER_METHODS) : operation.method;
  const headers: Record<string, string> = {};
  if (credential === 'garbage') {
    headers.authorization = random.pick([
      'Bearer',
      'Bearer ',
      `Bearer ${context.tokens.admin.slice(0, -3)}abc`,
      `Bearer ${context.tokens.admin}.${context.tokens.admin}`,
      `Basic ${Buffer.from('admin:livedesk-demo').toString('base64')}`,
      `Bearer ${'a'.repeat(8_000)}`,
      'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiIsInJvbGUiOiJhZG1pbiJ9.',
      `bearer ${context.tokens.admin}`,
    ]);
  } else if (credential !== 'none') {
    headers.authorization = `Bearer ${context.tokens[credential]}`;
  }
  const sent =
    method === 'GET' || method === 'HEAD'
      ? { bytes: undefined, contentType: undefined, kind: 'none' }
      : body(random, operation, context);
  if (sent.contentType) headers['content-type'] = sent.contentType;
  return {
    operation,
    credential,
    request: {
      method,
      target: `${path}${queryString(random, operation)}`,
      headers,
      ...(sent.bytes ? { body: sent.bytes } : {}),
    },
    bodyKind: sent.kind,
  };
}

/** The request, shown well enough to replay it by hand. */
export function describeCase(item: HttpCase): string {
  const body = item.request.body?.toString('utf8') ?? '';
  const shown = body.length > 400 ? `${body.slice(0, 400)}… (${body.length} bytes)` : body;
  return `${item.request.method} ${item.request.target.slice(0, 300)} as ${item.credential}, ${item.bodyKind} body [${item.request.headers['content-type'] ?? 'no content-type'}] ${JSON.stringify(shown)}`;
}

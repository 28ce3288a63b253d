import type { FuzzRandom } from './fuzz-random.js';
import type { Json } from './fuzz-json.js';

/** The parts of JSON Schema that `z.toJSONSchema` writes for this project's schemas. */
export interface JsonSchema {
  type?: string | string[];
  const?: Json;
  enum?: Json[];
  default?: Json;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  pattern?: string;
  format?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

/** Values that match the patterns the API uses; an unknown pattern gets a plain word. */
const PATTERN_SAMPLES: readonly (readonly [RegExp, readonly string[]])[] = [
  [/^\^\(\?:anger/, ['anger', 'human_request', 'sensitive:refund']],
  [/\[a-z\]\{2,3\}/, ['zh', 'en', 'en-US', 'zh-Hant']],
  [/^\^\\\//, ['/hi', '/退款']],
  [/\[A-Za-z\]\[A-Za-z0-9\]/, ['viewerName', 'orderId']],
  [/\[a-z\]\[a-z0-9_-\]/, ['finance', 'tech_support']],
  [/\[a-z0-9\]\[a-z0-9._-\]/, ['fuzz.team', 'ops-1']],
  [/\\s\\p\{C\}/, ['fuzz-entry-1', 'refund-policy']],
];

const DATE_TIMES = ['2026-06-01T12:00:00.000Z', '2026-12-07T00:00:00Z', '2020-02-29T23:59:59+08:00'];
const WORDS = ['refund', '退款 怎么 申请', 'hello', 'fuzz', '直播 卡顿', 'agent-1', 'room-1'];

function stringExample(random: FuzzRandom, schema: JsonSchema): string {
  if (schema.format === 'date-time') return random.pick(DATE_TIMES);
  if (schema.pattern !== undefined) {
    const known = PATTERN_SAMPLES.find(([probe]) => probe.test(schema.pattern ?? ''));
    if (known) return random.pick(known[1]);
  }
  let text = random.pick(WORDS);
  const min = schema.minLength ?? 0;
  while (text.length < min) text += ` ${random.pick(WORDS)}`;
  if (schema.maxLength !== undefined) text = text.slice(0, schema.maxLength);
  return text;
}

function numberExample(random: FuzzRandom, schema: JsonSchema, integer: boolean): number {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 0);
  const max = Math.min(
    schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : min + 100),
    min + 100,
  );
  return integer
    ? random.int(Math.ceil(min), Math.floor(Math.max(min, max)))
    : min + random.float() * (max - min);
}

/**
 * A value that should satisfy `schema` (optional properties included at random), the starting point that
 * mutations then break: a valid frame or body reaches the handler, a mutated one tests the refusal.
 */
export function schemaExample(random: FuzzRandom, schema: JsonSchema, depth = 0): Json {
  if (depth > 8) return null;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum !== undefined && schema.enum.length > 0) return random.pick(schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices && choices.length > 0) return schemaExample(random, random.pick(choices), depth + 1);
  if (schema.allOf && schema.allOf.length > 0)
    return schemaExample(random, Object.assign({}, ...schema.allOf) as JsonSchema, depth + 1);
  const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  const type = types.filter((candidate) => candidate !== 'null')[0] ?? types[0];
  switch (type) {
    case 'string':
      return stringExample(random, schema);
    case 'integer':
      return numberExample(random, schema, true);
    case 'number':
      return numberExample(random, schema, false);
    case 'boolean':
      return random.chance(0.5);
    case 'null':
      return null;
    case 'array': {
      const count = Math.min(schema.maxItems ?? 3, Math.max(schema.minItems ?? 0, random.int(0, 2)));
      return Array.from({ length: count }, () => schemaExample(random, schema.items ?? {}, depth + 1));
    }
    case 'object':
    case undefined: {
      if (type === undefined && schema.properties === undefined) return random.pick(WORDS);
      const required = new Set(schema.required ?? []);
      const result: { [key: string]: Json } = {};
      for (const [key, property] of Object.entries(schema.properties ?? {})) {
        if (required.has(key) || random.chance(0.5)) result[key] = schemaExample(random, property, depth + 1);
      }
      return result;
    }
    default:
      return null;
  }
}

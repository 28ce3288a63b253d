import type { FuzzRandom } from './fuzz-random.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Text written into the JSON as is: tokens JSON.stringify cannot produce (NaN, -0, 1e999, deep nesting). */
export class RawToken {
  constructor(readonly text: string) {}
}

/** An object written key by key, so the same key can appear twice. */
export class KeyedEntries {
  constructor(readonly entries: [string, FuzzValue][]) {}
}

export type FuzzValue =
  null | boolean | number | string | RawToken | KeyedEntries | FuzzValue[] | { [key: string]: FuzzValue };

/** Serialises a fuzz value; strings go through JSON.stringify, so lone surrogates and NUL arrive escaped. */
export function writeJson(value: FuzzValue): string {
  if (value instanceof RawToken) return value.text;
  if (value instanceof KeyedEntries)
    return `{${value.entries.map(([key, item]) => `${JSON.stringify(key)}:${writeJson(item)}`).join(',')}}`;
  if (Array.isArray(value)) return `[${value.map(writeJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .map(([key, item]) => `${JSON.stringify(key)}:${writeJson(item)}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** Strings that have broken parsers, normalisers, databases and renderers before. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '\t\n\r',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'a\ud800b',
  '\udc00\ud800',
  '😀',
  '\ud83d',
  '\u202e\u0645\u0631\u062d\u0628\u0627',
  '\u200b\u200d\ufeff',
  'e\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301',
  '\uffff\ufffe',
  '𝕃𝕚𝕧𝕖𝕕𝕖𝕤𝕜',
  '转人工',
  '人工 人工 人工 转人工 我要投诉 退款',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  "'; DROP TABLE events; --",
  '" OR 1=1 --',
  '%00%ff%2e%2e%2f',
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  '${process.exit(1)}',
  '{{constructor.constructor("return process")()}}',
  'Livedesk Support (official)',
  '-1',
  'NaN',
  'null',
  'true',
  '1e308',
  '\\u0000',
  '\\',
  '"',
  '\u0085\u2028\u2029',
  'x'.repeat(129),
  'Ω'.repeat(65),
];

const NASTY_NUMBER_TOKENS: readonly RawToken[] = [
  new RawToken('NaN'),
  new RawToken('Infinity'),
  new RawToken('-Infinity'),
  new RawToken('-0'),
  new RawToken('1e999'),
  new RawToken('-1e999'),
  new RawToken('1e-400'),
  new RawToken('0x10'),
  new RawToken('01'),
  new RawToken('1.'),
  new RawToken('.5'),
  new RawToken('+1'),
  new RawToken('9'.repeat(400)),
];

const NASTY_NUMBERS: readonly number[] = [
  0,
  -1,
  0.5,
  -0.000001,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  Number.MIN_SAFE_INTEGER - 2,
  2 ** 31,
  2 ** 32 + 1,
  5e-324,
];

/** A string too long for any field: plain, multi-byte or astral, up to `maxChars`. */
export function hugeString(random: FuzzRandom, maxChars = 20_000): string {
  const unit = random.pick(['x', 'é', '中', '😀', '\u0000', 'ab ', '人工']);
  return unit.repeat(Math.max(1, Math.floor(random.int(1_000, maxChars) / unit.length)));
}

/** Arrays or objects nested `depth` deep, written as text so the generator itself does not recurse. */
export function deepNesting(random: FuzzRandom, depth = random.int(50, 20_000)): RawToken {
  if (random.chance(0.5)) return new RawToken(`${'['.repeat(depth)}${']'.repeat(depth)}`);
  return new RawToken(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
}

/** A value of any kind that a schema will rarely expect. */
export function nastyValue(random: FuzzRandom): FuzzValue {
  return random.weighted<() => FuzzValue>([
    [6, () => random.pick(NASTY_STRINGS)],
    [3, () => random.pick(NASTY_NUMBER_TOKENS)],
    [3, () => random.pick(NASTY_NUMBERS)],
    [2, () => hugeString(random)],
    [1, () => deepNesting(random)],
    [2, () => null],
    [2, () => random.chance(0.5)],
    [2, () => []],
    [2, () => ({})],
    [1, () => [random.pick(NASTY_STRINGS), null, 1]],
    [1, () => new KeyedEntries([['__proto__', { role: 'admin' }]])],
  ])();
}

type JsonObject = { [key: string]: FuzzValue };

function isPlainObject(value: FuzzValue): value is JsonObject {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof RawToken) &&
    !(value instanceof KeyedEntries)
  );
}

/**
 * Sets an own property, even for "__proto__": plain assignment would replace the copy's prototype
 * (with a RawToken, say), and the serialiser would then write something no parser ever sees.
 */
function put(object: JsonObject, key: string, value: FuzzValue): JsonObject {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

/** One structural change to a JSON value (an object, usually a valid frame or body). */
function mutateOnce(random: FuzzRandom, value: FuzzValue, otherTypes: readonly string[]): FuzzValue {
  if (!isPlainObject(value)) return random.chance(0.5) ? nastyValue(random) : [value];
  const keys = Object.keys(value);
  const copy: JsonObject = { ...value };
  const key = keys.length > 0 ? random.pick(keys) : 'type';
  const mutation = random.weighted<() => FuzzValue>([
    [4, () => (delete copy[key], copy)],
    [8, () => put(copy, key, nastyValue(random))],
    [2, () => put(copy, key, hugeString(random))],
    [1, () => put(copy, key, deepNesting(random))],
    [2, () => put(copy, key, [copy[key] ?? null])],
    [
      2,
      () =>
        put(copy, key, typeof copy[key] === 'string' ? Number(copy[key]) || 7 : writeJson(copy[key] ?? null)),
    ],
    [
      2,
      () =>
        new KeyedEntries([
          ...Object.entries(copy),
          [key, random.chance(0.5) ? nastyValue(random) : random.pick([...otherTypes, 'join', 'auth'])],
        ]),
    ],
    [
      2,
      () =>
        put(copy, random.pick(['extra', '__proto__', 'constructor', 'x'.repeat(300)]), nastyValue(random)),
    ],
    [
      3,
      () =>
        put(
          copy,
          'type',
          random.pick([
            ...otherTypes,
            'JOIN',
            ' message',
            'message\u0000',
            'unknown',
            '',
            'hasOwnProperty',
            '__proto__',
          ]),
        ),
    ],
    [2, () => [copy]],
    [1, () => Object.values(copy)],
    [1, () => new KeyedEntries([...Object.entries(copy), ['type', copy.type ?? null]])],
  ]);
  return mutation();
}

/** 1 to 3 mutations of `value`; `otherTypes` are the channel's frame types to swap in. */
export function mutateJson(
  random: FuzzRandom,
  value: FuzzValue,
  otherTypes: readonly string[] = [],
): FuzzValue {
  let mutated = value;
  const rounds = random.int(1, 3);
  for (let round = 0; round < rounds; round++) mutated = mutateOnce(random, mutated, otherTypes);
  return mutated;
}

/** Changes to the serialised text: cut short, garbage around it, not JSON at all. */
export function mutateText(random: FuzzRandom, text: string): string {
  return random.weighted<() => string>([
    [5, () => text.slice(0, random.int(0, Math.max(0, text.length - 1)))],
    [1, () => `\ufeff${text}`],
    [1, () => `${text}${text}`],
    [1, () => `${text},`],
    [1, () => text.replace(/"/, "'")],
    [1, () => text.replace(/:/, '')],
    [
      1,
      () => `${text.slice(0, Math.floor(text.length / 2))}\u0000${text.slice(Math.floor(text.length / 2))}`,
    ],
    [
      2,
      () =>
        random.pick([
          '',
          ' ',
          'null',
          'true',
          '0',
          '""',
          '[]',
          '{}',
          '{"type":null}',
          '{"type":{}}',
          '{"type":["message"]}',
          'undefined',
          "{'type':'ping'}",
          '{"type":"ping"',
          '\u0000',
        ]),
    ],
  ])();
}

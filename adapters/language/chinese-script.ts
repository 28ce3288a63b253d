import { ConverterFactory, Locale } from 'opencc-js';

export type ChineseScriptName = 'Hans' | 'Hant';

/** Simplified ⇄ Traditional at the phrase level (opencc-js), and which of the two a text is written in. */
export interface ChineseScript {
  /** Taiwan and Hong Kong wording to mainland Simplified: 儲值沒到帳 → 储值没到账, 軟體 → 软件. */
  toSimplified: (text: string) => string;
  /** Mainland Simplified to Taiwan Traditional with Taiwan wording: 账号 → 帳號, 软件 → 軟體. */
  toTraditional: (text: string) => string;
  /** Undefined when the text reads the same in both scripts ("好的", "哈哈") or has no Han at all. */
  scriptOf: (text: string) => ChineseScriptName | undefined;
}

/**
 * opencc gives 帳 → 帐 and 账 → 賬 (one character each way), but the mainland writes accounts with 账
 * (账号, 到账) and Taiwan with 帳 (帳號, 到帳); 帐 stays only for tents and curtains. Longest match wins,
 * so the tent words keep their 帐.
 */
const MAINLAND_ACCOUNT_WORDS: [string, string][] = [
  ['帐', '账'],
  ...['帐篷', '蚊帐', '营帐', '帐幕', '帐子', '军帐', '罗帐', '纱帐', '幔帐', '帷帐', '床帐', '帐幔'].map(
    (word): [string, string] => [word, word],
  ),
];
const TAIWAN_ACCOUNT_WORDS: [string, string][] = [['賬', '帳']];

/**
 * Each table is built on first use (tens of milliseconds and megabytes apiece): the matcher only ever
 * simplifies, the conversation runtime mostly identifies and converts to Traditional.
 */
export function createChineseScript(): ChineseScript {
  const toSimplified = lazy(() => ConverterFactory(Locale.from.twp, Locale.to.cn, [MAINLAND_ACCOUNT_WORDS]));
  const toTraditional = lazy(() => ConverterFactory(Locale.from.cn, Locale.to.twp, [TAIWAN_ACCOUNT_WORDS]));
  // Character-level standard tables for telling the scripts apart: the Taiwan phrase tables also rewrite
  // words both scripts share (影片, 登入), which says nothing about the script.
  const traditionalToSimplified = lazy(() => ConverterFactory(Locale.to.cn));
  const simplifiedToTraditional = lazy(() => ConverterFactory(Locale.from.cn));
  return {
    toSimplified: (text) => toSimplified()(text),
    toTraditional: (text) => toTraditional()(text),
    scriptOf: (text) => {
      const traditionalOnly = changedCharacters(text, traditionalToSimplified());
      const simplifiedOnly = changedCharacters(text, simplifiedToTraditional());
      // A character that only a Traditional text has is the stronger evidence: Traditional writing
      // keeps characters the Simplified reform merged (台, 里, 后, 干), so the reverse table flags
      // some of its characters too, while a Simplified text almost never holds a Traditional one.
      if (traditionalOnly > 0 && traditionalOnly >= simplifiedOnly) return 'Hant';
      if (simplifiedOnly > 0) return 'Hans';
      return undefined;
    },
  };
}

function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}

/** How many characters the conversion changes; a conversion that changes the length is compared per character. */
function changedCharacters(text: string, convert: (text: string) => string): number {
  const converted = convert(text);
  if (converted === text) return 0;
  const before = [...text];
  const after = [...converted];
  const pairs =
    before.length === after.length
      ? before.map((character, index) => [character, after[index]] as const)
      : before.map((character) => [character, convert(character)] as const);
  return pairs.filter(([original, changed]) => original !== changed).length;
}

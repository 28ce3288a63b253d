/**
 * The viewer-language identifier on the multilingual sets: the share of each set's questions (dev and
 * test together; nothing here is tuned) identified as the set's language, and what the rest became.
 * Usage: npx tsx eval/multilingual/run-language-identification.ts
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createLanguageIdentifier } from '../../adapters/language/create-language-identifier.js';

const SHARED = path.resolve('../shared/eval-data/xsid-multi');
const OWN = path.resolve('eval/multilingual/live-stream');
const FILES: [string, string[]][] = [
  ...['ja', 'ar', 'id', 'de', 'tr', 'it'].map((lang): [string, string[]] => [
    lang,
    [`${SHARED}/${lang}/dev.jsonl`, `${SHARED}/${lang}/test.jsonl`],
  ]),
  ...['ko', 'es', 'pt', 'th', 'vi'].map((lang): [string, string[]] => [
    lang,
    [`${OWN}/${lang}-dev.jsonl`, `${OWN}/${lang}-test.jsonl`],
  ]),
];

const identifier = createLanguageIdentifier();
console.log('| language | messages | identified right | most common other answers |');
console.log('| --- | --: | --: | --- |');
for (const [language, files] of FILES) {
  const texts: string[] = [];
  for (const file of files) {
    for (const line of (await readFile(file, 'utf8')).split('\n')) {
      if (line.trim() !== '') texts.push((JSON.parse(line) as { text: string }).text);
    }
  }
  const others = new Map<string, number>();
  let right = 0;
  for (const text of texts) {
    const found = identifier.identify(text).language ?? 'none';
    if (found.split('-')[0] === language) right += 1;
    else others.set(found, (others.get(found) ?? 0) + 1);
  }
  const top = [...others]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');
  console.log(`| ${language} | ${texts.length} | ${((right / texts.length) * 100).toFixed(1)}% | ${top} |`);
}

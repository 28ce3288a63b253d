import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEntriesCsv } from './parse-entries-csv.js';
import { parseEntriesJsonl } from './parse-entries-jsonl.js';
import { writeEntriesCsv } from './write-entries-csv.js';
import { writeEntriesJsonl } from './write-entries-jsonl.js';

// The shared benchmark files sit beside the repository and are never copied into it.
const EVAL_DATA = resolve(import.meta.dirname, '../../../shared/eval-data');
const available = existsSync(EVAL_DATA);

describe.skipIf(!available)(
  `real knowledge files in ${available ? EVAL_DATA : '../shared/eval-data (absent: skipped)'}`,
  () => {
    const read = (file: string) => readFileSync(join(EVAL_DATA, file), 'utf8');
    const parse = (file: string) => {
      const result = parseEntriesJsonl(read(file));
      if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.errors.slice(0, 5))}`);
      return result.entries;
    };

    it('parses clinc150/kb.jsonl as 150 English entries', () => {
      const entries = parse('clinc150/kb.jsonl');

      expect(entries).toHaveLength(150);
      expect(new Set(entries.map((entry) => entry.locale))).toEqual(new Set(['en']));
      expect(entries.every((entry) => entry.questions.length > 0 && entry.answer.length > 0)).toBe(true);
    });

    it('parses xsid-zh/kb.jsonl as 15 Chinese entries despite the English names inside them', () => {
      const entries = parse('xsid-zh/kb.jsonl');

      expect(entries).toHaveLength(15);
      expect(new Set(entries.map((entry) => entry.locale))).toEqual(new Set(['zh']));
    });

    it('round-trips the real files through JSON Lines and CSV', () => {
      for (const file of ['clinc150/kb.jsonl', 'xsid-zh/kb.jsonl']) {
        const entries = parse(file);

        expect(parseEntriesJsonl(writeEntriesJsonl(entries))).toEqual({ ok: true, entries });
        expect(parseEntriesCsv(writeEntriesCsv(entries))).toEqual({ ok: true, entries });
      }
    });
  },
);

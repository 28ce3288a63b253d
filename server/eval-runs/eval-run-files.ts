import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomically } from '../../adapters/hnswlib/write-file-atomically.js';
import { EvalRunIdSchema, EvalRunRecordSchema, type EvalRunRecord } from './eval-run-record.js';

/** Where eval runs are kept: `<id>.json` for the run, `<id>.html` for its report once done. */
export interface EvalRunFiles {
  /** Every readable run; unreadable files are reported through `onInvalidFile` and skipped. */
  loadAll(): Promise<EvalRunRecord[]>;
  save(record: EvalRunRecord): Promise<void>;
  saveHtml(id: string, html: string): Promise<void>;
  readHtml(id: string): Promise<string | undefined>;
  remove(id: string): Promise<void>;
}

export interface EvalRunFilesOptions {
  folder: string;
  onInvalidFile?: (file: string, error: unknown) => void;
}

function fileOf(folder: string, id: string, extension: 'json' | 'html'): string {
  // The id names the file: never let one step out of the folder.
  return path.join(folder, `${EvalRunIdSchema.parse(id)}.${extension}`);
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

export function createEvalRunFiles(options: EvalRunFilesOptions): EvalRunFiles {
  const { folder } = options;
  const onInvalidFile =
    options.onInvalidFile ??
    ((file: string, error: unknown) => console.error('eval run file skipped', { file, error }));
  const writeText = async (file: string, text: string) => {
    await mkdir(folder, { recursive: true });
    await writeFileAtomically(file, (temporary) => writeFile(temporary, text, 'utf8'));
  };
  return {
    async loadAll() {
      let names: string[];
      try {
        names = await readdir(folder);
      } catch (error) {
        if (isMissing(error)) return [];
        throw error;
      }
      const records: EvalRunRecord[] = [];
      for (const name of names.filter((candidate) => /^[A-Za-z0-9_-]+\.json$/.test(candidate))) {
        const file = path.join(folder, name);
        try {
          const record = EvalRunRecordSchema.parse(JSON.parse(await readFile(file, 'utf8')));
          if (`${record.id}.json` !== name) throw new Error('the id does not match the file name');
          records.push(record);
        } catch (error) {
          onInvalidFile(file, error);
        }
      }
      return records;
    },
    save: (record) => writeText(fileOf(folder, record.id, 'json'), `${JSON.stringify(record, null, 2)}\n`),
    saveHtml: (id, html) => writeText(fileOf(folder, id, 'html'), html),
    async readHtml(id) {
      try {
        return await readFile(fileOf(folder, id, 'html'), 'utf8');
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    async remove(id) {
      await rm(fileOf(folder, id, 'html'), { force: true });
      await rm(fileOf(folder, id, 'json'), { force: true });
    },
  };
}

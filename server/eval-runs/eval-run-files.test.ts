import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runEvalRunStoreContract } from '../../test/contracts/eval-run-store.contract.js';
import { createEvalRunFiles } from './eval-run-files.js';

runEvalRunStoreContract('files', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'livedesk-eval-runs-'));
  // A folder not made yet: the store makes it on the first save.
  const folder = path.join(root, 'eval-runs');
  const reported: string[] = [];
  return {
    store: createEvalRunFiles({ folder, onInvalidFile: (file) => reported.push(file) }),
    reported,
    async storeUnreadable(id) {
      await mkdir(folder, { recursive: true });
      await writeFile(path.join(folder, `${id}.json`), '{"id": "', 'utf8');
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
});

import { runEvalRunStoreContract } from '../../test/contracts/eval-run-store.contract.js';
import { createPostgresTestSchema } from '../../test/support/postgres-test-schema.js';
import { createPostgresEvalRunStore } from './eval-run-store.js';

runEvalRunStoreContract('postgres', async () => {
  const schema = await createPostgresTestSchema();
  const reported: string[] = [];
  return {
    store: createPostgresEvalRunStore({
      pool: schema.pool,
      onInvalidRecord: (runId) => reported.push(runId),
    }),
    reported,
    async storeUnreadable(id) {
      await schema.pool.query('INSERT INTO eval_runs (run_id, record) VALUES ($1, $2)', [id, '{"id": 7}']);
    },
    cleanup: () => schema.cleanup(),
  };
});

import { runLearningSourceContract } from '../../test/contracts/learning-source.contract.js';
import { appendPostgresEventRows } from '../../test/support/append-event-rows.js';
import { createPostgresTestSchema } from '../../test/support/postgres-test-schema.js';
import { createPostgresLearningSource } from './analytics-learning-source.js';

runLearningSourceContract('postgres', async () => {
  const schema = await createPostgresTestSchema();
  return {
    source: createPostgresLearningSource({ pool: schema.pool }),
    appendEvents: (rows) => appendPostgresEventRows(schema.pool, rows),
    cleanup: () => schema.cleanup(),
  };
});

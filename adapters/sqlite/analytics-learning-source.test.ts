import { runLearningSourceContract } from '../../test/contracts/learning-source.contract.js';
import { appendSqliteEventRows } from '../../test/support/append-event-rows.js';
import { createSqliteLearningSource } from './analytics-learning-source.js';
import { createSqliteDatabase } from './create-sqlite-database.js';

runLearningSourceContract('sqlite', () => {
  const database = createSqliteDatabase(':memory:');
  return {
    source: createSqliteLearningSource({ database }),
    appendEvents: (rows) => appendSqliteEventRows(database, rows),
    cleanup: () => {
      database.close();
    },
  };
});

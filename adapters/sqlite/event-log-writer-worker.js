// The conversation event log's writer thread (see worker-event-row-writer.ts): the same inserts as the
// inline writer, on a connection of its own, so commits do not hold the server's event loop. Plain
// JavaScript so it loads in any runtime without a TypeScript loader. The SQL is passed in by the parent.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const database = new Database(workerData.path);
database.pragma('busy_timeout = 5000');
database.pragma('journal_mode = WAL');
database.pragma(`synchronous = ${workerData.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
const nextSequence = database.prepare(workerData.nextSequenceSql);
const insert = database.prepare(workerData.insertSql);
const write = database.transaction((rows) =>
  rows.map((row) => {
    const sequence = nextSequence.get(row.conversationId).next;
    insert.run(row.conversationId, sequence, row.type, row.at, row.body);
    return sequence;
  }),
);

parentPort.on('message', (message) => {
  if (message.type === 'close') {
    database.close();
    parentPort.postMessage({ type: 'closed' });
    return;
  }
  try {
    parentPort.postMessage({ type: 'written', id: message.id, sequences: write.immediate(message.rows) });
  } catch (error) {
    parentPort.postMessage({
      type: 'failed',
      id: message.id,
      code: typeof error?.code === 'string' ? error.code : 'UNKNOWN',
    });
  }
});

import type { Database } from 'better-sqlite3';
import type { MediaRecord, MediaRecordStore } from '../../engine/media/media-record.js';
import { MEDIA_COLUMN_COUNT, MEDIA_COLUMNS, mediaFromRow, mediaRowValues } from '../shared/media-rows.js';
import { mapSqliteError } from './map-sqlite-error.js';

/** Media records in the shared SQLite file (table `media`, migration 18). */
export function createSqliteMediaRecordStore(options: { database: Database }): MediaRecordStore {
  const { database } = options;
  const insert = database.prepare(
    `INSERT INTO media (${MEDIA_COLUMNS}) VALUES (${Array(MEDIA_COLUMN_COUNT).fill('?').join(', ')})`,
  );
  const byId = database.prepare<[string], unknown>(`SELECT ${MEDIA_COLUMNS} FROM media WHERE id = ?`);
  const byConversation = database.prepare<[string], unknown>(
    `SELECT ${MEDIA_COLUMNS} FROM media WHERE conversation_id = ? ORDER BY created_at, id`,
  );
  const removeOne = database.prepare('DELETE FROM media WHERE id = ?');
  const referencing = database.prepare<[string, string], unknown>(
    'SELECT 1 FROM media WHERE content_key = ? OR thumb_key = ? LIMIT 1',
  );
  const removeConversations = database.transaction((conversationIds: readonly string[]) => {
    const removed: MediaRecord[] = [];
    const remove = database.prepare('DELETE FROM media WHERE conversation_id = ?');
    for (const conversationId of conversationIds) {
      removed.push(...byConversation.all(conversationId).map(mediaFromRow));
      remove.run(conversationId);
    }
    return removed;
  });
  return {
    add: (record) =>
      run(() => {
        insert.run(...mediaRowValues(record));
      }),
    get: (id) =>
      run(() => {
        const row = byId.get(id);
        return row === undefined ? undefined : mediaFromRow(row);
      }),
    delete: (id) =>
      run(() => {
        removeOne.run(id);
      }),
    listByConversation: (conversationId) => run(() => byConversation.all(conversationId).map(mediaFromRow)),
    deleteByConversations: (conversationIds) => run(() => removeConversations(conversationIds)),
    referencesKey: (key) => run(() => referencing.get(key, key) !== undefined),
  };
}

function run<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(mapSqliteError(error));
  }
}

import type { Pool } from 'pg';
import type { MediaRecordStore } from '../../engine/media/media-record.js';
import { MEDIA_COLUMN_COUNT, MEDIA_COLUMNS, mediaFromRow, mediaRowValues } from '../shared/media-rows.js';
import { mapPostgresError } from './map-postgres-error.js';

/** Media records in the shared PostgreSQL database (migration 14). */
export function createPostgresMediaRecordStore(options: { pool: Pool }): MediaRecordStore {
  const { pool } = options;
  const query = async (text: string, values: unknown[]): Promise<unknown[]> => {
    try {
      return (await pool.query<Record<string, unknown>>(text, values)).rows;
    } catch (error) {
      throw mapPostgresError(error);
    }
  };
  const placeholders = Array.from({ length: MEDIA_COLUMN_COUNT }, (_, index) => `$${index + 1}`).join(', ');
  return {
    async add(record) {
      await query(`INSERT INTO media (${MEDIA_COLUMNS}) VALUES (${placeholders})`, mediaRowValues(record));
    },
    async get(id) {
      const [row] = await query(`SELECT ${MEDIA_COLUMNS} FROM media WHERE id = $1`, [id]);
      return row === undefined ? undefined : mediaFromRow(row);
    },
    async delete(id) {
      await query('DELETE FROM media WHERE id = $1', [id]);
    },
    async listByConversation(conversationId) {
      const rows = await query(
        `SELECT ${MEDIA_COLUMNS} FROM media WHERE conversation_id = $1 ORDER BY created_at, id`,
        [conversationId],
      );
      return rows.map(mediaFromRow);
    },
    async deleteByConversations(conversationIds) {
      if (conversationIds.length === 0) return [];
      const rows = await query(
        `DELETE FROM media WHERE conversation_id = ANY($1) RETURNING ${MEDIA_COLUMNS}`,
        [[...conversationIds]],
      );
      return rows
        .map(mediaFromRow)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    },
    async referencesKey(key) {
      const rows = await query('SELECT 1 FROM media WHERE content_key = $1 OR thumb_key = $1 LIMIT 1', [key]);
      return rows.length > 0;
    },
  };
}

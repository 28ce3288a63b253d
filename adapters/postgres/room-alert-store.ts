import type { Pool } from 'pg';
import type { RoomAlertStore } from '../../server/room-watch/room-alert-store.js';
import {
  ROOM_ALERT_COLUMNS,
  roomAlertFilter,
  roomAlertFromRow,
  roomAlertRowValues,
} from '../shared/room-alert-rows.js';
import { mapPostgresError } from './map-postgres-error.js';

/** Room alerts in the shared PostgreSQL database; a batch is one statement (newest state wins). */
export function createPostgresRoomAlertStore(options: { pool: Pool }): RoomAlertStore {
  const { pool } = options;
  const query = async (text: string, values: unknown[]): Promise<unknown[]> => {
    try {
      return (await pool.query<Record<string, unknown>>(text, values)).rows;
    } catch (error) {
      throw mapPostgresError(error);
    }
  };
  return {
    async save(alerts) {
      if (alerts.length === 0) return;
      // One row per alert: a batch holding two states of one alert keeps the last.
      const latest = [...new Map(alerts.map((alert) => [alert.id, alert])).values()];
      const values = latest.flatMap(roomAlertRowValues);
      const tuples = latest.map(
        (_, row) => `(${Array.from({ length: 9 }, (__, column) => `$${row * 9 + column + 1}`).join(', ')})`,
      );
      await query(
        `INSERT INTO room_alerts (${ROOM_ALERT_COLUMNS}) VALUES ${tuples.join(', ')}
         ON CONFLICT (alert_id) DO UPDATE SET severity = EXCLUDED.severity, status = EXCLUDED.status,
           first_seen_ms = EXCLUDED.first_seen_ms, last_seen_ms = EXCLUDED.last_seen_ms, body = EXCLUDED.body`,
        values,
      );
    },
    async get(alertId) {
      const [row] = await query('SELECT body FROM room_alerts WHERE alert_id = $1', [alertId]);
      return row === undefined ? undefined : roomAlertFromRow(row);
    },
    async list(filter) {
      const { where, values } = roomAlertFilter(filter, (index) => `$${index}`);
      const rows = await query(
        `SELECT body FROM room_alerts ${where} ORDER BY last_seen_ms DESC, alert_id COLLATE "C" LIMIT $${values.length + 1}`,
        [...values, filter.limit],
      );
      return rows.map(roomAlertFromRow);
    },
  };
}

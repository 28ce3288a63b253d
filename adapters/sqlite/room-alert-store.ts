import type { Database } from 'better-sqlite3';
import type { RoomAlertStore } from '../../server/room-watch/room-alert-store.js';
import {
  ROOM_ALERT_COLUMNS,
  roomAlertFilter,
  roomAlertFromRow,
  roomAlertRowValues,
} from '../shared/room-alert-rows.js';
import { mapSqliteError } from './map-sqlite-error.js';

/** Room alerts in the shared SQLite file (table `room_alerts`, migration 16); a batch is one transaction. */
export function createSqliteRoomAlertStore(options: { database: Database }): RoomAlertStore {
  const { database } = options;
  const upsert = database.prepare(
    `INSERT OR REPLACE INTO room_alerts (${ROOM_ALERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byId = database.prepare<[string], unknown>('SELECT body FROM room_alerts WHERE alert_id = ?');
  const saveAll = database.transaction((rows: ReturnType<typeof roomAlertRowValues>[]) => {
    for (const row of rows) upsert.run(...row);
  });
  return {
    save: (alerts) => run(() => saveAll(alerts.map(roomAlertRowValues))),
    get: (alertId) =>
      run(() => {
        const row = byId.get(alertId);
        return row === undefined ? undefined : roomAlertFromRow(row);
      }),
    list: (query) =>
      run(() => {
        const { where, values } = roomAlertFilter(query, () => '?');
        return database
          .prepare<unknown[], unknown>(
            `SELECT body FROM room_alerts ${where} ORDER BY last_seen_ms DESC, alert_id LIMIT ?`,
          )
          .all(...values, query.limit)
          .map(roomAlertFromRow);
      }),
  };
}

function run<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(mapSqliteError(error));
  }
}

import Database from 'better-sqlite3';
import type { AcknowledgedMessage } from './stall-attack.js';

/**
 * Acknowledged messages missing from the log (by conversation and sequence, with the same text) or stored
 * more than once. Read from the SQLite file after the server has stopped.
 */
export function checkAcknowledged(
  databaseFile: string,
  acknowledged: readonly AcknowledgedMessage[],
): { lost: number; duplicated: number } {
  const database = new Database(databaseFile, { readonly: true });
  try {
    const bySequence = database.prepare<[string, number], { body: string }>(
      'SELECT body FROM conversation_events WHERE conversation_id = ? AND sequence = ?',
    );
    const sameText = database.prepare<[string, string], { count: number }>(
      "SELECT count(*) AS count FROM conversation_events WHERE conversation_id = ? AND type = 'viewer-message' AND json_extract(body, '$.text') = ?",
    );
    let lost = 0;
    let duplicated = 0;
    for (const message of acknowledged) {
      const row = bySequence.get(message.conversationId, message.sequence);
      const event = row ? (JSON.parse(row.body) as { type?: string; text?: string }) : undefined;
      if (event?.type !== 'viewer-message' || event.text !== message.text) lost += 1;
      else if ((sameText.get(message.conversationId, message.text)?.count ?? 0) > 1) duplicated += 1;
    }
    return { lost, duplicated };
  } finally {
    database.close();
  }
}

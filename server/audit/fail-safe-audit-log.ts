import type { AuditLog } from './audit-log.js';

/**
 * An audit log whose `record` never throws: rows are written after the action they describe has
 * happened, so a failed write (disk full, database locked) must not turn that action's answer into an
 * error; it is reported instead.
 */
export function failSafeAuditLog(
  audit: AuditLog,
  onError: (error: unknown, action: string) => void,
): AuditLog {
  return {
    record(entry) {
      try {
        audit.record(entry);
      } catch (error) {
        onError(error, entry.action);
      }
    },
    query: (filter) => audit.query(filter),
    flush: () => audit.flush(),
    prune: (olderThan, options) => audit.prune(olderThan, options),
  };
}

import type pg from 'pg';

/**
 * Waits until `count` sessions wait, directly or behind one another, on a lock that the session `blockerPid`
 * holds: the statements under test are then provably running at the same time.
 */
export async function waitForBlockedSessions(
  pool: pg.Pool,
  options: { blockerPid: number; count: number; timeoutMs?: number },
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    const result = await pool.query<{ waiting: number }>(
      `WITH RECURSIVE waiting (pid) AS (
         SELECT pid FROM pg_stat_activity WHERE $1::integer = ANY (pg_blocking_pids(pid))
         UNION
         SELECT activity.pid FROM pg_stat_activity AS activity
           JOIN waiting ON waiting.pid = ANY (pg_blocking_pids(activity.pid))
       ) SELECT count(*)::integer AS waiting FROM waiting`,
      [options.blockerPid],
    );
    if ((result.rows[0]?.waiting ?? 0) >= options.count) return;
    if (Date.now() > deadline) {
      throw new Error(
        `only ${result.rows[0]?.waiting ?? 0} of ${options.count} sessions came to wait on the lock`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

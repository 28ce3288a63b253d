/**
 * Runs tasks with the same key one after another, tasks with other keys alongside. Sign-ins use it so
 * that parallel guesses for one username or from one address each see the failures before them: the
 * back-off is checked before a password hash that takes tens of milliseconds, and is only recorded after.
 */
export function createOneAtATime(): <T>(keys: readonly string[], task: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return async (keys, task) => {
    const before = keys.map((key) => tails.get(key) ?? Promise.resolve());
    const done = Promise.allSettled(before).then(task);
    const settled = done.then(
      () => undefined,
      () => undefined,
    );
    for (const key of keys) tails.set(key, settled);
    void settled.then(() => {
      for (const key of keys) if (tails.get(key) === settled) tails.delete(key);
    });
    return done;
  };
}

import { decodeJwt } from 'jose';
import { VERIFYING_KEY_CLAIM } from '../platform/verified-viewer-claim.js';

/** Open viewer sockets of platform-verified viewers, watched for their verifying key's revocation. */
export interface RevokedIdentityWatch {
  /**
   * Watches a joined socket's viewer token until the returned function is called; `end` is called once, with
   * why, when the platform key that vouched for it is revoked. Tokens without the key's id are not watched.
   */
  watch(token: string, end: (reason: string) => void): () => void;
  close(): void;
}

interface Watched {
  token: string;
  end: (reason: string) => void;
}

/**
 * A join checks the key (server/platform/signing-key-states.ts); this ends the sockets already open when it is
 * revoked later. Every `intervalMs` (default 3 s) it asks once per key, not once per socket, through the
 * same check as the join (a cached key-state read), so a revocation ends its sockets within `intervalMs`
 * plus the key states' cache age on every node. A failed check changes nothing and is tried again next time.
 */
export function createRevokedIdentityWatch(options: {
  revokedIdentity: (token: string) => Promise<string | undefined>;
  intervalMs?: number | undefined;
  onError?: ((error: unknown) => void) | undefined;
}): RevokedIdentityWatch {
  const byKey = new Map<string, Set<Watched>>();
  let checking = false;

  const check = async (): Promise<void> => {
    for (const [keyId, sockets] of [...byKey]) {
      const first = sockets.values().next();
      if (first.done) continue;
      const reason = await options.revokedIdentity(first.value.token);
      if (reason === undefined) continue;
      // The set as it is now: sockets of this key that joined during the check end too.
      byKey.delete(keyId);
      for (const watched of sockets) watched.end(reason);
    }
  };

  const timer = setInterval(() => {
    if (checking || byKey.size === 0) return;
    checking = true;
    check()
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        checking = false;
      });
  }, options.intervalMs ?? 3_000);
  timer.unref();

  return {
    watch(token, end) {
      const keyId = verifyingKeyOf(token);
      if (keyId === undefined) return () => undefined;
      const watched: Watched = { token, end };
      const sockets = byKey.get(keyId) ?? new Set<Watched>();
      sockets.add(watched);
      byKey.set(keyId, sockets);
      return () => {
        const current = byKey.get(keyId);
        if (!current?.delete(watched) || current.size > 0) return;
        byKey.delete(keyId);
      };
    },
    close() {
      clearInterval(timer);
      byKey.clear();
    },
  };
}

function verifyingKeyOf(token: string): string | undefined {
  try {
    const keyId = decodeJwt(token)[VERIFYING_KEY_CLAIM];
    return typeof keyId === 'string' ? keyId : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the shared stores can take writes now, as a node's `/healthz` and its sockets see it. */
export interface StoreHealth {
  /** False from the first failed critical probe or reported outage until a probe succeeds again. */
  readonly healthy: boolean;
  /** What is failing, for `/healthz` (`database`, `redis`, `leader`), critical or not; empty when all answer. */
  readonly failing: readonly string[];
  /** An operation failed as unavailable: unhealthy now, without waiting for the next probe. */
  reportOutage(component: string): void;
  close(): void;
}

export interface StoreHealthProbe {
  /** Named in `/healthz` when failing. */
  component: string;
  /**
   * Whether the node can still store what it acknowledges without it. Default true. A non-critical failure
   * (Redis, which carries no data) shows in `/healthz` as `degraded` and refuses nothing.
   */
  critical?: boolean | undefined;
  /** Resolves when the service answers; rejects (or times out) when it does not. */
  check(signal: AbortSignal): Promise<void>;
}

export interface StoreHealthOptions {
  probes: readonly StoreHealthProbe[];
  /** Between probes while healthy. Default 2 s. */
  intervalMs?: number | undefined;
  /** Between probes while something fails, so recovery is seen quickly. Default 500 ms. */
  recoveryIntervalMs?: number | undefined;
  /** A probe slower than this counts as failed. Default 1.5 s. */
  timeoutMs?: number | undefined;
  onChange?: ((health: { healthy: boolean; failing: readonly string[] }) => void) | undefined;
}

/**
 * Probes each shared service on a timer (faster while one fails) and takes reports of failed operations, so
 * a node stops acknowledging what it cannot store as soon as the database or Redis goes, and takes messages
 * again by itself once they are back. With no probes (one node on SQLite) it is always healthy.
 */
export function createStoreHealth(options: StoreHealthOptions): StoreHealth {
  const failing = new Set<string>();
  const optional = new Set(
    options.probes.filter((probe) => probe.critical === false).map((probe) => probe.component),
  );
  const healthyNow = () => [...failing].every((component) => optional.has(component));
  const intervalMs = options.intervalMs ?? 2_000;
  const recoveryIntervalMs = options.recoveryIntervalMs ?? 500;
  const timeoutMs = options.timeoutMs ?? 1_500;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const changed = () => options.onChange?.({ healthy: healthyNow(), failing: [...failing] });
  const mark = (component: string, ok: boolean) => {
    const before = failing.has(component);
    if (ok) failing.delete(component);
    else failing.add(component);
    if (before !== failing.has(component)) changed();
  };

  const probeAll = async () => {
    await Promise.all(
      options.probes.map(async (probe) => {
        const signal = AbortSignal.timeout(timeoutMs);
        try {
          // The probe gets the signal to stop its work; a probe that ignores it still counts as failed in time.
          await Promise.race([probe.check(signal), whenAborted(signal)]);
          mark(probe.component, true);
        } catch {
          mark(probe.component, false);
        }
      }),
    );
  };

  const schedule = () => {
    if (closed || options.probes.length === 0) return;
    timer = setTimeout(
      () => {
        void probeAll().finally(schedule);
      },
      failing.size > 0 ? recoveryIntervalMs : intervalMs,
    );
    timer.unref();
  };
  schedule();

  return {
    get healthy() {
      return healthyNow();
    },
    get failing() {
      return [...failing];
    },
    reportOutage(component) {
      if (closed) return;
      mark(component, false);
      // Look again soon rather than at the healthy pace.
      if (timer) clearTimeout(timer);
      schedule();
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
    },
  };
}

function whenAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    signal.addEventListener('abort', () => reject(new Error('the probe timed out')), { once: true });
  });
}

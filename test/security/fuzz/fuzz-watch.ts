/**
 * Errors that escape the server while it runs in this process: with a listener attached Node does not
 * exit, so they are collected and the test fails on them instead.
 */
export function watchProcessErrors(): { errors: string[]; stop: () => void } {
  const errors: string[] = [];
  const onException = (error: unknown) => errors.push(`uncaughtException: ${describe(error)}`);
  const onRejection = (reason: unknown) => errors.push(`unhandledRejection: ${describe(reason)}`);
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return {
    errors,
    stop() {
      process.off('uncaughtException', onException);
      process.off('unhandledRejection', onRejection);
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

export interface HealthReport {
  probes: number;
  maxMs: number;
  /** Probes that were not answered 200 within the hang limit. */
  failures: string[];
}

/**
 * `/healthz` asked every `intervalMs` while the fuzz runs: a probe not answered within `hangMs` means the
 * event loop was blocked or the server died. A hang detector, not a latency target (that is the bench's).
 */
export function probeHealth(
  baseUrl: string,
  options: { intervalMs?: number; hangMs?: number } = {},
): { stop: () => Promise<HealthReport> } {
  const intervalMs = options.intervalMs ?? 250;
  const hangMs = options.hangMs ?? 10_000;
  const report: HealthReport = { probes: 0, maxMs: 0, failures: [] };
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(hangMs) });
        await response.arrayBuffer();
        if (response.status !== 200) report.failures.push(`/healthz answered ${response.status}`);
      } catch (error) {
        report.failures.push(`/healthz not answered within ${hangMs} ms: ${String(error)}`);
      }
      const elapsed = performance.now() - started;
      report.probes += 1;
      report.maxMs = Math.max(report.maxMs, elapsed);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, intervalMs - elapsed)));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { ...report, maxMs: Math.round(report.maxMs) };
    },
  };
}

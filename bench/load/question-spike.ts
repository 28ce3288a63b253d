import type { SwarmViewer } from './viewer-swarm.js';

export interface SpikeResult {
  sent: number;
  answered: number;
  /** Replies that ended other than `done` (interrupted, error), or questions the server refused. */
  failed: number;
  /** Questions with no reply when the spike's grace period ended. */
  unanswered: number;
  achievedPerSecond: number;
  latenciesMs: number[];
}

/**
 * Sends `total` questions at `perSecond`, each from a different viewer, and times each one from the SDK's
 * `send` to its final `answer` event: the whole FAQ reply as the app gets it, not just its first piece. The schedule is
 * open-loop (questions leave on time whether or not earlier ones were answered), so a slow server shows
 * up as latency instead of hiding behind a slower send rate.
 */
export async function runQuestionSpike(options: {
  viewers: readonly SwarmViewer[];
  questions: readonly string[];
  perSecond: number;
  total: number;
  graceMs: number;
}): Promise<SpikeResult> {
  const { viewers, questions, perSecond, total } = options;
  if (viewers.length < total)
    throw new Error(`${total} questions need as many viewers; have ${viewers.length}`);
  const latenciesMs: number[] = [];
  let failed = 0;
  let settled = 0;
  let allSettled: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (allSettled = resolve));
  const started = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * perSecond));
      for (; sent < due; sent += 1) {
        viewers[sent]!.ask(questions[sent % questions.length]!, (latencyMs, outcome) => {
          if (outcome === 'done') latenciesMs.push(latencyMs);
          else failed += 1;
          settled += 1;
          if (settled === total) allSettled();
        });
      }
      // A 1 ms timer, not setImmediate: a spinning generator would take the CPU the server needs.
      if (sent < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  const sendSeconds = (performance.now() - started) / 1000;
  await Promise.race([done, new Promise((resolve) => setTimeout(resolve, options.graceMs))]);
  return {
    sent,
    answered: latenciesMs.length,
    failed,
    unanswered: total - settled,
    achievedPerSecond: sent / sendSeconds,
    latenciesMs,
  };
}

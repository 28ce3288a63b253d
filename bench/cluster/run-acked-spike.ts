import { summarizeLatencies, type LatencySummary } from '../statistics.js';
import type { QuestionTiming, SpikeViewer } from './open-spike-viewers.js';

export interface AckedSpikeResult {
  sent: number;
  /** Questions sent per second over the sending window (the schedule asked for `perSecond`). */
  achievedPerSecond: number;
  acked: number;
  /** Refused with an error frame instead of an ack (a limit, storage unavailable). */
  refused: number;
  /** Neither acked nor refused by the end of the grace period: a message the viewer cannot know is stored. */
  unacked: number;
  /** Turns that ended `done`. */
  answered: number;
  /** Turns that ended otherwise (interrupted, error). */
  failed: number;
  /** Acked, but no turn end by the end of the grace period. */
  unanswered: number;
  /** Answered turns per second, from the first send to the last answer. */
  answeredPerSecond: number;
  /** Send → ack. */
  ack: LatencySummary;
  /** Send → turn-end (the whole answer). */
  end: LatencySummary;
}

/**
 * Sends one question from each viewer at `perSecond`, open-loop (questions leave on schedule whether or not
 * earlier ones were answered, so a slow server shows as latency rather than as a slower send rate), and
 * times each to its ack and to its turn's end.
 */
export async function runAckedSpike(options: {
  viewers: readonly SpikeViewer[];
  questions: readonly string[];
  perSecond: number;
  total: number;
  graceMs: number;
}): Promise<AckedSpikeResult> {
  const { viewers, questions, perSecond, total } = options;
  if (viewers.length < total)
    throw new Error(`${total} questions need as many viewers; have ${viewers.length}`);
  const timings: QuestionTiming[] = [];
  let settled = 0;
  let allSettled: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (allSettled = resolve));
  const started = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * perSecond));
      for (; sent < due; sent += 1) {
        const viewer = viewers[sent]!;
        const timing: QuestionTiming = { sentAtMs: performance.now() };
        let once = false;
        viewer.onSettled = () => {
          if (once) return;
          once = true;
          settled += 1;
          if (settled === total) allSettled();
        };
        viewer.timing = timing;
        timings.push(timing);
        viewer.socket.send(
          JSON.stringify({
            type: 'message',
            text: questions[sent % questions.length],
            clientMessageId: `q${sent}`,
          }),
        );
      }
      // A 1 ms timer, not setImmediate: a spinning generator would take the CPU the servers need.
      if (sent < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  const sendSeconds = (performance.now() - started) / 1000;
  await Promise.race([done, new Promise((resolve) => setTimeout(resolve, options.graceMs))]);
  const acked = timings.filter((timing) => timing.ackAtMs !== undefined);
  const answered = timings.filter((timing) => timing.endReason === 'done');
  const lastEnd = Math.max(started, ...answered.map((timing) => timing.endAtMs!));
  return {
    sent,
    achievedPerSecond: sent / sendSeconds,
    acked: acked.length,
    refused: timings.filter((timing) => timing.refused !== undefined).length,
    unacked: timings.filter((timing) => timing.ackAtMs === undefined && timing.refused === undefined).length,
    answered: answered.length,
    failed: timings.filter((timing) => timing.endReason !== undefined && timing.endReason !== 'done').length,
    unanswered: acked.filter((timing) => timing.endAtMs === undefined).length,
    answeredPerSecond: answered.length / Math.max(0.001, (lastEnd - started) / 1000),
    ack: summarizeLatencies(acked.map((timing) => timing.ackAtMs! - timing.sentAtMs)),
    end: summarizeLatencies(answered.map((timing) => timing.endAtMs! - timing.sentAtMs)),
  };
}

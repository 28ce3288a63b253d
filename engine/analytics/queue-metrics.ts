import { LivedeskError } from '../../knowledge/errors.js';
import type { ConversationTimeline } from './conversation-timeline.js';
import { deskEpisodes } from './desk-episodes.js';
import { elapsedMs, percentile } from './duration-summary.js';

export const MAX_QUEUE_BUCKETS = 5000;

export interface QueueBucket {
  start: string;
  /** Stays on the desk that began in the bucket. */
  arrivals: number;
  /** Conversations waiting for a person, averaged over the bucket's time. */
  averageLength: number;
  maxLength: number;
  /** Conversations first accepted in the bucket, and how long they had waited. */
  accepted: number;
  medianWaitMs: number | null;
  maxWaitMs: number | null;
}

export interface QueueOptions {
  fromMs: number;
  toMs: number;
  bucketMs: number;
  /** A conversation still waiting counts as waiting until this time. */
  asOfMs: number;
}

interface Interval {
  startMs: number;
  endMs: number;
}

/**
 * When the conversation was waiting for a person: on the desk with no agent holding it (queued, or
 * offered and not yet accepted, or given back after an agent had it).
 */
function waitingIntervals(timeline: ConversationTimeline, openEndMs: number): Interval[] {
  const intervals: Interval[] = [];
  let waitingSince: number | undefined;
  let onDesk = false;
  for (const event of timeline.events) {
    if (event.type !== 'desk') continue;
    const { step } = event;
    switch (step.kind) {
      case 'queued':
      case 'requeued':
      case 'needs-reassignment':
      case 'transferred':
        if (step.kind === 'queued') onDesk = true;
        if (onDesk) waitingSince ??= Date.parse(step.at);
        break;
      case 'accepted':
      case 'released':
        if (waitingSince !== undefined) intervals.push({ startMs: waitingSince, endMs: Date.parse(step.at) });
        waitingSince = undefined;
        if (step.kind === 'released') onDesk = false;
        break;
      case 'assigned':
        break;
    }
  }
  if (waitingSince !== undefined && waitingSince < openEndMs)
    intervals.push({ startMs: waitingSince, endMs: openEndMs });
  return intervals;
}

/** Queue length (time-weighted average and maximum), arrivals and waits per time bucket. */
export function queueOverTime(
  timelines: readonly ConversationTimeline[],
  options: QueueOptions,
): QueueBucket[] {
  const { fromMs, toMs, bucketMs } = options;
  if (!(bucketMs > 0) || !(toMs > fromMs))
    throw new LivedeskError('invalid_input', 'the queue needs a positive bucket and a non-empty range');
  const count = Math.ceil((toMs - fromMs) / bucketMs);
  if (count > MAX_QUEUE_BUCKETS)
    throw new LivedeskError(
      'invalid_input',
      `${count} buckets is too many; use a bucket of at least ${Math.ceil((toMs - fromMs) / MAX_QUEUE_BUCKETS / 60_000)} minutes`,
    );
  const bucketOf = (ms: number): number => Math.floor((ms - fromMs) / bucketMs);
  const arrivals = new Array<number>(count).fill(0);
  const waits = Array.from({ length: count }, (): number[] => []);
  const weighted = new Array<number>(count).fill(0);
  // +1 / -1 at each interval's ends, for the running maximum.
  const changes: { ms: number; delta: number }[] = [];
  const openEndMs = Math.min(options.asOfMs, toMs);
  for (const timeline of timelines) {
    for (const episode of deskEpisodes(timeline)) {
      const queuedMs = Date.parse(episode.queuedAt);
      if (queuedMs >= fromMs && queuedMs < toMs) arrivals[bucketOf(queuedMs)]!++;
      if (episode.acceptedAt === undefined) continue;
      const acceptedMs = Date.parse(episode.acceptedAt);
      if (acceptedMs >= fromMs && acceptedMs < toMs)
        waits[bucketOf(acceptedMs)]!.push(elapsedMs(episode.queuedAt, episode.acceptedAt));
    }
    for (const interval of waitingIntervals(timeline, openEndMs)) {
      const startMs = Math.max(interval.startMs, fromMs);
      const endMs = Math.min(interval.endMs, toMs);
      if (endMs <= startMs) continue;
      changes.push({ ms: startMs, delta: 1 }, { ms: endMs, delta: -1 });
      for (let bucket = bucketOf(startMs); bucket < count; bucket++) {
        const bucketStart = fromMs + bucket * bucketMs;
        if (bucketStart >= endMs) break;
        weighted[bucket]! += Math.min(endMs, bucketStart + bucketMs) - Math.max(startMs, bucketStart);
      }
    }
  }
  // Ends before starts at the same instant: a hand-over at one moment is not two waiting at once.
  changes.sort((first, second) => first.ms - second.ms || first.delta - second.delta);
  const maxLength = new Array<number>(count).fill(0);
  let length = 0;
  let next = 0;
  for (let bucket = 0; bucket < count; bucket++) {
    const bucketStart = fromMs + bucket * bucketMs;
    const bucketEnd = bucketStart + bucketMs;
    // A wait that ended exactly at the bucket's start is not in it.
    while (next < changes.length && changes[next]!.ms <= bucketStart) length += changes[next++]!.delta;
    let highest = length;
    while (next < changes.length && changes[next]!.ms < bucketEnd) {
      length += changes[next]!.delta;
      highest = Math.max(highest, length);
      next++;
    }
    maxLength[bucket] = highest;
  }
  return Array.from({ length: count }, (_, bucket) => {
    const sorted = waits[bucket]!.sort((first, second) => first - second);
    const bucketStart = fromMs + bucket * bucketMs;
    const span = Math.min(bucketMs, toMs - bucketStart);
    return {
      start: new Date(bucketStart).toISOString(),
      arrivals: arrivals[bucket]!,
      averageLength: weighted[bucket]! / span,
      maxLength: maxLength[bucket]!,
      accepted: sorted.length,
      medianWaitMs: percentile(sorted, 50),
      maxWaitMs: sorted.at(-1) ?? null,
    };
  });
}

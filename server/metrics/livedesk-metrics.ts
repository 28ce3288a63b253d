import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { AppendOutcome } from '../realtime/observed-event-log.js';
import { PrometheusRegistry, type Labels } from './prometheus-registry.js';

/** What the running server can tell at scrape time; each is optional so tests can wire a part. */
export interface MetricSources {
  viewerConnections?: () => number;
  agentConnections?: () => number;
  /** The desk's snapshot: waiting conversations by lane, held ones by status, agents by presence. */
  desk?: () => {
    waiting: readonly { lane: string }[];
    held: readonly { status: string }[];
    agents: readonly { presence: string }[];
  };
}

export interface LivedeskMetrics {
  readonly registry: PrometheusRegistry;
  /** Give to the conversation runtime's `onLlmFallback`. */
  llmFallback(): void;
  /** Give to the conversation runtime's `onJudgeFallback`: turns decided without the escalation judge. */
  llmJudgeFallback(reason: 'timeout' | 'error'): void;
  /** Give to the observed event log's `observe`. */
  observeAppend(outcome: AppendOutcome<ConversationEvent>): void;
  render(): string;
  close(): void;
}

/** Seconds; AI turns on the FAQ path take milliseconds, LLM turns seconds. */
const TURN_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Turns started but not yet ended that are remembered; older ones are forgotten (a crash mid-turn). */
const MAX_OPEN_TURNS = 10_000;

function countBy(items: readonly Record<string, string>[], key: string): { labels: Labels; value: number }[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item[key]!, (counts.get(item[key]!) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ labels: { [key]: value }, value: count }));
}

/**
 * The server's Prometheus metrics. Gauges are read from callbacks at scrape time; turn latency is timed
 * between a turn's start and end as the event log commits them, so no realtime code changes for it.
 */
export function createLivedeskMetrics(
  sources: MetricSources,
  options: { nowMs?: () => number } = {},
): LivedeskMetrics {
  const nowMs = options.nowMs ?? (() => performance.now());
  const registry = new PrometheusRegistry();
  const { viewerConnections, agentConnections, desk } = sources;
  if (viewerConnections)
    registry.gauge('livedesk_viewer_connections', 'Open viewer WebSocket connections.', viewerConnections);
  if (agentConnections)
    registry.gauge('livedesk_agent_connections', 'Open agent WebSocket connections.', agentConnections);
  if (desk) {
    const lanes = ['urgent', 'high', 'normal'];
    registry.gauge(
      'livedesk_queue_length',
      'Conversations waiting in the queue for a person, by lane.',
      () => {
        const counts = countBy(desk().waiting, 'lane');
        return lanes.map(
          (lane) => counts.find((count) => count.labels.lane === lane) ?? { labels: { lane }, value: 0 },
        );
      },
    );
    registry.gauge(
      'livedesk_conversations_held',
      'Conversations offered to or held by an agent, by status.',
      () => countBy(desk().held, 'status'),
    );
    registry.gauge('livedesk_agents', 'Agents known to the desk, by presence.', () =>
      countBy(desk().agents, 'presence'),
    );
  }
  const turns = registry.histogram(
    'livedesk_turn_duration_seconds',
    'AI turns from start to end as recorded in the event log, by how they ended.',
    TURN_BUCKETS,
  );
  const llmFallbacks = registry.counter(
    'livedesk_llm_fallbacks_total',
    'LLM errors and timeouts answered from the knowledge entry instead.',
  );
  const judgeFallbacks = registry.counter(
    'livedesk_llm_judge_fallbacks_total',
    'Viewer turns decided on the offline signals alone because the LLM judge timed out or failed, by reason.',
  );
  const handoffs = registry.counter('livedesk_handoffs_total', 'Conversations handed to people, by reason.');
  const appended = registry.counter(
    'livedesk_events_recorded_total',
    'Conversation events committed to the log, by type.',
  );
  const failed = registry.counter(
    'livedesk_event_record_failures_total',
    'Conversation events the log failed to commit.',
  );

  const startedAt = Date.now() / 1000;
  const loopDelay = monitorEventLoopDelay({ resolution: 20 });
  loopDelay.enable();
  registry.gauge(
    'process_cpu_seconds_total',
    'User and system CPU time spent, in seconds.',
    () => {
      const usage = process.cpuUsage();
      return (usage.user + usage.system) / 1e6;
    },
    'counter',
  );
  registry.gauge(
    'process_resident_memory_bytes',
    'Resident memory size in bytes.',
    () => process.memoryUsage().rss,
  );
  registry.gauge(
    'process_start_time_seconds',
    'Start time of the process since the Unix epoch, in seconds.',
    () => startedAt,
  );
  registry.gauge('nodejs_heap_used_bytes', 'V8 heap in use, in bytes.', () => process.memoryUsage().heapUsed);
  registry.gauge(
    'nodejs_eventloop_delay_p99_seconds',
    'Event loop delay, 99th percentile since start.',
    () => (loopDelay.count > 0 ? loopDelay.percentile(99) / 1e9 : 0),
  );

  const openTurns = new Map<string, number>();
  return {
    registry,
    llmFallback: () => llmFallbacks.inc(),
    llmJudgeFallback: (reason) => judgeFallbacks.inc({ reason }),
    observeAppend(outcome) {
      const { event } = outcome;
      if (outcome.sequence === undefined) {
        failed.inc();
        return;
      }
      appended.inc({ type: event.type });
      if (event.type === 'turn-start') {
        if (openTurns.size >= MAX_OPEN_TURNS) openTurns.delete(openTurns.keys().next().value!);
        openTurns.set(`${outcome.conversationId}\u0000${event.turnId}`, nowMs());
      } else if (event.type === 'turn-end') {
        const key = `${outcome.conversationId}\u0000${event.turnId}`;
        const started = openTurns.get(key);
        if (started === undefined) return;
        openTurns.delete(key);
        turns.observe((nowMs() - started) / 1000, { reason: event.reason });
      } else if (event.type === 'handoff') {
        for (const reason of event.packet.reasons) handoffs.inc({ reason });
      }
    },
    render: () => registry.render(),
    close: () => loopDelay.disable(),
  };
}

import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { OutputLeakKind } from '../../engine/composer/output-leak-filter.js';
import type { AppendOutcome } from '../realtime/observed-event-log.js';
import type { RerankStats } from '../../knowledge/reranking/decision-reranker.js';
import { registerRerankMetrics } from './rerank-metrics.js';

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
  /** The LLM candidate reranker's totals, when it is on (LIVEDESK_LLM_RERANK). */
  reranking?: () => Readonly<RerankStats>;
}

export interface LivedeskMetrics {
  readonly registry: Registry;
  /** Give to the conversation runtime's `onLlmFallback`. */
  llmFallback(): void;
  /** Give to the conversation runtime's `onLlmOutputBlocked`: answers stopped by the leak filter. */
  llmOutputBlocked(kind: OutputLeakKind): void;
  /** Give to the conversation runtime's `onJudgeFallback`: turns decided without the escalation judge. */
  llmJudgeFallback(reason: 'timeout' | 'error'): void;
  /** Give to the observed event log's `observe`. */
  observeAppend(outcome: AppendOutcome<ConversationEvent>): void;
  /** The exposition text (prom-client's registry, format 0.0.4). */
  render(): Promise<string>;
  readonly contentType: string;
  close(): void;
}

type Series = { labels: Record<string, string>; value: number };

/** Seconds; AI turns on the FAQ path take milliseconds, LLM turns seconds. */
const TURN_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Turns started but not yet ended that are remembered; older ones are forgotten (a crash mid-turn). */
const MAX_OPEN_TURNS = 10_000;

function countBy(items: readonly Record<string, string>[], key: string): Series[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item[key]!, (counts.get(item[key]!) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ labels: { [key]: value }, value: count }));
}

/**
 * A gauge read from a callback at scrape time. A callback that throws leaves the gauge's series
 * out of that scrape (an unlabelled one reads 0) rather than failing the whole scrape.
 */
function callbackGauge(
  registry: Registry,
  options: { name: string; help: string; labelNames?: string[] },
  read: () => number | readonly Series[],
): void {
  new Gauge({
    name: options.name,
    help: options.help,
    labelNames: options.labelNames ?? [],
    registers: [registry],
    collect() {
      this.reset();
      let value: number | readonly Series[];
      try {
        value = read();
      } catch {
        return;
      }
      if (typeof value === 'number') this.set(value);
      else for (const series of value) this.set(series.labels, series.value);
    },
  });
}

/**
 * The server's Prometheus metrics on a prom-client registry of its own (no global default registry).
 * Gauges are read from callbacks at scrape time; turn latency is timed between a turn's start and end
 * as the event log commits them, so no realtime code changes for it.
 */
export function createLivedeskMetrics(
  sources: MetricSources,
  options: { nowMs?: () => number } = {},
): LivedeskMetrics {
  const nowMs = options.nowMs ?? (() => performance.now());
  const registry = new Registry();
  const registers = [registry];
  const { viewerConnections, agentConnections, desk } = sources;
  if (viewerConnections)
    callbackGauge(
      registry,
      { name: 'livedesk_viewer_connections', help: 'Open viewer WebSocket connections.' },
      viewerConnections,
    );
  if (agentConnections)
    callbackGauge(
      registry,
      { name: 'livedesk_agent_connections', help: 'Open agent WebSocket connections.' },
      agentConnections,
    );
  if (desk) {
    const lanes = ['urgent', 'high', 'normal'];
    callbackGauge(
      registry,
      {
        name: 'livedesk_queue_length',
        help: 'Conversations waiting in the queue for a person, by lane.',
        labelNames: ['lane'],
      },
      () => {
        const counts = countBy(desk().waiting, 'lane');
        return lanes.map(
          (lane) => counts.find((count) => count.labels.lane === lane) ?? { labels: { lane }, value: 0 },
        );
      },
    );
    callbackGauge(
      registry,
      {
        name: 'livedesk_conversations_held',
        help: 'Conversations offered to or held by an agent, by status.',
        labelNames: ['status'],
      },
      () => countBy(desk().held, 'status'),
    );
    callbackGauge(
      registry,
      { name: 'livedesk_agents', help: 'Agents known to the desk, by presence.', labelNames: ['presence'] },
      () => countBy(desk().agents, 'presence'),
    );
  }
  const turns = new Histogram({
    name: 'livedesk_turn_duration_seconds',
    help: 'AI turns from start to end as recorded in the event log, by how they ended.',
    buckets: TURN_BUCKETS,
    labelNames: ['reason'],
    registers,
  });
  const llmFallbacks = new Counter({
    name: 'livedesk_llm_fallbacks_total',
    help: 'LLM errors and timeouts answered from the knowledge entry instead.',
    registers,
  });
  const outputBlocked = new Counter({
    name: 'livedesk_llm_output_blocked_total',
    help: 'LLM answers stopped for repeating the system prompt or its grounding, by tell; the entry answered instead.',
    labelNames: ['kind'],
    registers,
  });
  if (sources.reranking) registerRerankMetrics(registry, sources.reranking);
  const judgeFallbacks = new Counter({
    name: 'livedesk_llm_judge_fallbacks_total',
    help: 'Viewer turns decided on the offline signals alone because the LLM judge timed out or failed, by reason.',
    labelNames: ['reason'],
    registers,
  });
  const handoffs = new Counter({
    name: 'livedesk_handoffs_total',
    help: 'Conversations handed to people, by reason.',
    labelNames: ['reason'],
    registers,
  });
  const appended = new Counter({
    name: 'livedesk_events_recorded_total',
    help: 'Conversation events committed to the log, by type.',
    labelNames: ['type'],
    registers,
  });
  const failed = new Counter({
    name: 'livedesk_event_record_failures_total',
    help: 'Conversation events the log failed to commit.',
    registers,
  });

  const startedAt = Date.now() / 1000;
  const loopDelay = monitorEventLoopDelay({ resolution: 20 });
  loopDelay.enable();
  let cpuSecondsReported = 0;
  new Counter({
    name: 'process_cpu_seconds_total',
    help: 'User and system CPU time spent, in seconds.',
    registers,
    collect() {
      const usage = process.cpuUsage();
      const total = (usage.user + usage.system) / 1e6;
      this.inc(Math.max(0, total - cpuSecondsReported));
      cpuSecondsReported = Math.max(cpuSecondsReported, total);
    },
  });
  callbackGauge(
    registry,
    { name: 'process_resident_memory_bytes', help: 'Resident memory size in bytes.' },
    () => process.memoryUsage().rss,
  );
  callbackGauge(
    registry,
    {
      name: 'process_start_time_seconds',
      help: 'Start time of the process since the Unix epoch, in seconds.',
    },
    () => startedAt,
  );
  callbackGauge(
    registry,
    { name: 'nodejs_heap_used_bytes', help: 'V8 heap in use, in bytes.' },
    () => process.memoryUsage().heapUsed,
  );
  callbackGauge(
    registry,
    {
      name: 'nodejs_eventloop_delay_p99_seconds',
      help: 'Event loop delay, 99th percentile since start.',
    },
    () => (loopDelay.count > 0 ? loopDelay.percentile(99) / 1e9 : 0),
  );

  const openTurns = new Map<string, number>();
  return {
    registry,
    contentType: registry.contentType,
    llmFallback: () => llmFallbacks.inc(),
    llmOutputBlocked: (kind) => outputBlocked.inc({ kind }),
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
        turns.observe({ reason: event.reason }, (nowMs() - started) / 1000);
      } else if (event.type === 'handoff') {
        for (const reason of event.packet.reasons) handoffs.inc({ reason });
      }
    },
    render: () => registry.metrics(),
    close: () => loopDelay.disable(),
  };
}

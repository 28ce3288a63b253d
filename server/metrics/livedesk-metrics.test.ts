import { describe, expect, it } from 'vitest';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import { createLivedeskMetrics } from './livedesk-metrics.js';

/** The names the hand-written exposition had before prom-client: dashboards and alerts use them. */
const METRIC_NAMES = [
  'livedesk_viewer_connections',
  'livedesk_agent_connections',
  'livedesk_queue_length',
  'livedesk_conversations_held',
  'livedesk_agents',
  'livedesk_turn_duration_seconds',
  'livedesk_llm_fallbacks_total',
  'livedesk_llm_judge_fallbacks_total',
  'livedesk_handoffs_total',
  'livedesk_events_recorded_total',
  'livedesk_event_record_failures_total',
  'process_cpu_seconds_total',
  'process_resident_memory_bytes',
  'process_start_time_seconds',
  'nodejs_heap_used_bytes',
  'nodejs_eventloop_delay_p99_seconds',
];

describe('createLivedeskMetrics', () => {
  it('times turns from start to end as the log commits them and counts handoffs, fallbacks and failures', async () => {
    let nowMs = 0;
    const metrics = createLivedeskMetrics(
      {
        viewerConnections: () => 7,
        desk: () => ({
          waiting: [{ lane: 'high' }, { lane: 'normal' }, { lane: 'high' }],
          held: [],
          agents: [],
        }),
      },
      { nowMs: () => nowMs },
    );
    const append = (event: ConversationEvent) =>
      metrics.observeAppend({ conversationId: 'c', event, sequence: 1 });
    append({ type: 'turn-start', turnId: 't1', question: 'q' });
    nowMs = 30;
    append({ type: 'turn-end', turnId: 't1', reason: 'done', delivered: 'a' });
    append({ type: 'turn-end', turnId: 'never-started', reason: 'done', delivered: 'a' });
    // A failed append has no sequence.
    metrics.observeAppend({
      conversationId: 'c',
      event: { type: 'viewer-message', text: 'x', channel: 'text', at: '2026-06-01T00:00:00Z' },
    });
    metrics.llmFallback();
    const text = await metrics.render();
    metrics.close();
    expect(metrics.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(text).toMatch(/^livedesk_viewer_connections 7$/m);
    expect(text).toMatch(/^livedesk_queue_length\{lane="high"\} 2$/m);
    expect(text).toMatch(/^livedesk_queue_length\{lane="urgent"\} 0$/m);
    // prom-client writes `le` first; Prometheus does not care about label order.
    expect(text).toMatch(/^livedesk_turn_duration_seconds_bucket\{le="0.025",reason="done"\} 0$/m);
    expect(text).toMatch(/^livedesk_turn_duration_seconds_bucket\{le="0.05",reason="done"\} 1$/m);
    expect(text).toMatch(/^livedesk_turn_duration_seconds_bucket\{le="\+Inf",reason="done"\} 1$/m);
    expect(text).toMatch(/^livedesk_turn_duration_seconds_count\{reason="done"\} 1$/m);
    expect(text).toMatch(/^livedesk_llm_fallbacks_total 1$/m);
    expect(text).toMatch(/^livedesk_event_record_failures_total 1$/m);
    expect(text).not.toMatch(/livedesk_agent_connections/);
  });

  it('keeps every metric name and type it had before prom-client', async () => {
    const metrics = createLivedeskMetrics({
      viewerConnections: () => 0,
      agentConnections: () => 0,
      desk: () => ({ waiting: [], held: [], agents: [] }),
    });
    const text = await metrics.render();
    metrics.close();
    for (const name of METRIC_NAMES) expect(text).toMatch(new RegExp(`^# HELP ${name} `, 'm'));
    expect(text).toMatch(/^# TYPE process_cpu_seconds_total counter$/m);
    expect(text).toMatch(/^# TYPE livedesk_turn_duration_seconds histogram$/m);
    expect(text).toMatch(/^process_cpu_seconds_total \d/m);
  });

  it('serves the rest of a scrape when a gauge source throws', async () => {
    const metrics = createLivedeskMetrics({
      viewerConnections: () => 3,
      desk: () => {
        throw new Error('the desk is restarting');
      },
    });
    const text = await metrics.render();
    metrics.close();
    expect(text).toMatch(/^livedesk_viewer_connections 3$/m);
    expect(text).not.toMatch(/^livedesk_queue_length\{/m);
  });

  it('counts answers stopped by the leak filter, by tell', async () => {
    const metrics = createLivedeskMetrics({});
    metrics.llmOutputBlocked('canary');
    metrics.llmOutputBlocked('canary');
    metrics.llmOutputBlocked('grounding-keys');
    const text = await metrics.render();
    metrics.close();
    expect(text).toMatch(/^livedesk_llm_output_blocked_total\{kind="canary"\} 2$/m);
    expect(text).toMatch(/^livedesk_llm_output_blocked_total\{kind="grounding-keys"\} 1$/m);
  });

  it('keeps two servers in one process apart (no global registry)', async () => {
    const first = createLivedeskMetrics({});
    const second = createLivedeskMetrics({});
    first.llmFallback();
    const [one, two] = [await first.render(), await second.render()];
    first.close();
    second.close();
    expect(one).toMatch(/^livedesk_llm_fallbacks_total 1$/m);
    expect(two).toMatch(/^livedesk_llm_fallbacks_total 0$/m);
  });
});

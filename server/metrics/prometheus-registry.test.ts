import { describe, expect, it } from 'vitest';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import { createLivedeskMetrics } from './livedesk-metrics.js';
import { PrometheusRegistry } from './prometheus-registry.js';

describe('PrometheusRegistry', () => {
  it('writes counters, callback gauges and cumulative histogram buckets in the text format', () => {
    const registry = new PrometheusRegistry();
    const requests = registry.counter('requests_total', 'Requests served.');
    requests.inc({ route: '/a' });
    requests.inc({ route: '/a' }, 2);
    requests.inc({ route: 'say "hi"\n' });
    registry.gauge('queue_length', 'Waiting.', () => [{ labels: { lane: 'high' }, value: 3 }]);
    const latency = registry.histogram('latency_seconds', 'Latency.', [0.1, 1]);
    latency.observe(0.05);
    latency.observe(0.5);
    latency.observe(5);
    registry.gauge('broken', 'Throws.', () => {
      throw new Error('unavailable');
    });
    expect(registry.render()).toBe(
      [
        '# HELP requests_total Requests served.',
        '# TYPE requests_total counter',
        'requests_total{route="/a"} 3',
        'requests_total{route="say \\"hi\\"\\n"} 1',
        '# HELP queue_length Waiting.',
        '# TYPE queue_length gauge',
        'queue_length{lane="high"} 3',
        '# HELP latency_seconds Latency.',
        '# TYPE latency_seconds histogram',
        'latency_seconds_bucket{le="0.1"} 1',
        'latency_seconds_bucket{le="1"} 2',
        'latency_seconds_bucket{le="+Inf"} 3',
        'latency_seconds_sum 5.55',
        'latency_seconds_count 3',
        '',
      ].join('\n'),
    );
  });

  it('refuses bad names, duplicate names and counters going down', () => {
    const registry = new PrometheusRegistry();
    expect(() => registry.counter('1bad', 'x')).toThrow(RangeError);
    registry.counter('twice', 'x');
    expect(() => registry.counter('twice', 'x')).toThrow(/twice/);
    expect(() => registry.counter('other', 'x').inc({}, -1)).toThrow(RangeError);
  });
});

describe('createLivedeskMetrics', () => {
  it('times turns from start to end as the log commits them and counts handoffs, fallbacks and failures', () => {
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
    const text = metrics.render();
    metrics.close();
    expect(text).toMatch(/^livedesk_viewer_connections 7$/m);
    expect(text).toMatch(/^livedesk_queue_length\{lane="high"\} 2$/m);
    expect(text).toMatch(/^livedesk_queue_length\{lane="urgent"\} 0$/m);
    expect(text).toMatch(/^livedesk_turn_duration_seconds_bucket\{reason="done",le="0.025"\} 0$/m);
    expect(text).toMatch(/^livedesk_turn_duration_seconds_bucket\{reason="done",le="0.05"\} 1$/m);
    expect(text).toMatch(/^livedesk_turn_duration_seconds_count\{reason="done"\} 1$/m);
    expect(text).toMatch(/^livedesk_llm_fallbacks_total 1$/m);
    expect(text).toMatch(/^livedesk_event_record_failures_total 1$/m);
    expect(text).not.toMatch(/livedesk_agent_connections/);
  });
});

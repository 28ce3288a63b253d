import { Counter, Histogram, type Registry } from 'prom-client';
import type { ToolCallObserver } from '../tools/http-tool-runner.js';
import type { FillOutcome } from '../tools/fill-answer.js';

/** Commerce tool calls by tool and outcome, their latency, and template answers filled or fallen back. */
export function registerToolMetrics(registry: Registry): {
  onCall: ToolCallObserver;
  onFill: (outcome: FillOutcome) => void;
} {
  const calls = new Counter({
    name: 'livedesk_tool_calls_total',
    help: 'Commerce tool calls by tool and outcome (ok, or the failure: timeout, http_status, mapping...)',
    labelNames: ['tool', 'outcome'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'livedesk_tool_call_seconds',
    help: 'Commerce tool call duration, failures included',
    labelNames: ['tool'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const fills = new Counter({
    name: 'livedesk_template_answers_total',
    help: 'Template answers: filled by their tools, or the fallback (and why)',
    labelNames: ['result'],
    registers: [registry],
  });
  return {
    onCall: ({ tool, outcome, seconds }) => {
      calls.inc({ tool, outcome });
      latency.observe({ tool }, seconds);
    },
    onFill: (outcome) => fills.inc({ result: outcome.kind === 'filled' ? 'filled' : outcome.reason }),
  };
}

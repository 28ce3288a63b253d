import type { AnalyticsFilter } from './analytics-filter.js';
import type { DeskStep, KeyEventType } from './conversation-timeline.js';

type DeskKind = DeskStep['kind'];

/**
 * What a metric reads from each conversation: readers load no more than this, because over a million
 * messages every event sent to JavaScript costs. Each metric gives the same answer on timelines holding
 * only its inputs as on whole ones (adapters/sqlite/analytics-timeline-reader.test.ts holds them to it).
 */
export interface MetricInputs {
  /** Fill `firstViewerMessageAt` and `firstAiAnswerAt`. */
  firstMessages: boolean;
  /** Fill `lastViewerMessageAt` and `lastAnswerAt`. */
  lastMessages: boolean;
  keyEvents: readonly KeyEventType[];
  /** `to-human`: only state changes into `human` are read. */
  stateChanges: 'all' | 'to-human';
  /** The desk steps read, when `desk` is among the key events. */
  deskSteps: readonly DeskKind[];
  /**
   * Conversations without a key event of this type add nothing to the metric (besides the count of
   * conversations), so readers may leave them out.
   */
  onlyWith?: KeyEventType | undefined;
}

/** The desk steps a stay on the desk is made of (deskEpisodes); `assigned` is read by no metric. */
const EPISODE_STEPS: readonly DeskKind[] = [
  'queued',
  'accepted',
  'requeued',
  'needs-reassignment',
  'transferred',
  'released',
];

export const METRIC_INPUTS = {
  'response-times': {
    firstMessages: true,
    lastMessages: false,
    keyEvents: ['state-change', 'desk', 'agent-message'],
    stateChanges: 'to-human',
    deskSteps: [...EPISODE_STEPS, 'sla-breached'],
  },
  resolution: {
    firstMessages: false,
    lastMessages: true,
    keyEvents: ['state-change', 'handoff', 'desk'],
    stateChanges: 'all',
    // Who held it and whether it was handed around (conversationSessions).
    deskSteps: ['accepted', 'requeued', 'needs-reassignment', 'transferred', 'released'],
  },
  satisfaction: {
    firstMessages: false,
    lastMessages: false,
    keyEvents: ['state-change', 'desk', 'satisfaction-request', 'satisfaction'],
    stateChanges: 'all',
    deskSteps: ['accepted'],
    onlyWith: 'satisfaction-request',
  },
  volume: {
    firstMessages: false,
    lastMessages: false,
    keyEvents: ['desk'],
    stateChanges: 'all',
    deskSteps: ['queued', 'released'],
  },
  queue: {
    firstMessages: false,
    lastMessages: false,
    keyEvents: ['desk'],
    stateChanges: 'all',
    deskSteps: EPISODE_STEPS,
    onlyWith: 'desk',
  },
  agents: {
    firstMessages: false,
    lastMessages: false,
    keyEvents: ['state-change', 'desk', 'agent-message', 'satisfaction-request', 'satisfaction'],
    stateChanges: 'all',
    deskSteps: EPISODE_STEPS,
    onlyWith: 'desk',
  },
} as const satisfies Record<string, MetricInputs>;

export type TimelineMetric = keyof typeof METRIC_INPUTS;

/** The metric's inputs, plus what the team and agent filters need to decide (see matchesFilter). */
export function inputsFor(
  metric: TimelineMetric,
  filter: Pick<AnalyticsFilter, 'team' | 'agentId'>,
): MetricInputs {
  const inputs: MetricInputs = METRIC_INPUTS[metric];
  const keyEvents = new Set<KeyEventType>(inputs.keyEvents);
  const deskSteps = new Set<DeskKind>(keyEvents.has('desk') ? inputs.deskSteps : []);
  if (filter.team !== undefined) {
    keyEvents.add('handoff').add('desk');
    deskSteps.add('queued');
  }
  if (filter.agentId !== undefined) {
    keyEvents.add('desk').add('agent-message');
    deskSteps.add('accepted');
  }
  const filtered = filter.team !== undefined || filter.agentId !== undefined;
  return {
    ...inputs,
    keyEvents: [...keyEvents],
    deskSteps: [...deskSteps],
    // Filtered, the conversations that match are counted one by one: every one is read.
    onlyWith: filtered ? undefined : inputs.onlyWith,
  };
}

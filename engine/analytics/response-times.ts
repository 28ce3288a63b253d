import type { ConversationTimeline } from './conversation-timeline.js';
import { deskEpisodes } from './desk-episodes.js';
import { elapsedMs, summarizeDurations, type DurationSummary } from './duration-summary.js';

export interface ResponseTimes {
  /**
   * Viewer's first message → end of the first AI turn that delivered any text (an answer, a question back,
   * "a person will help you"), unless a person had the conversation first.
   */
  aiFirstResponse: DurationSummary;
  /** Queued on the desk → the first agent message of that stay; `unanswered` stays had none. */
  humanFirstResponse: DurationSummary & { unanswered: number };
  /** Queued → first accepted by an agent; `abandoned` stays left the desk before anyone accepted. */
  timeToPerson: DurationSummary & { abandoned: number };
  /** Accepted → the agent let go (released, transferred, requeued); one sample per agent hold. */
  handleTime: DurationSummary;
  /** Response targets missed on the desk (engine/desk/response-sla.ts): per target, and conversations with any. */
  slaBreaches: { firstResponse: number; nextResponse: number; conversations: number };
}

/** When a person first had the conversation (an agent took it). */
function firstHumanAt(timeline: ConversationTimeline): string | undefined {
  for (const event of timeline.events)
    if (event.type === 'state-change' && event.to === 'human') return event.at;
  return undefined;
}

/** First response, time to a person and handle time over the given conversations. */
export function responseTimes(timelines: readonly ConversationTimeline[]): ResponseTimes {
  const ai: number[] = [];
  const human: number[] = [];
  const toPerson: number[] = [];
  const handle: number[] = [];
  let unanswered = 0;
  let abandoned = 0;
  const breaches = { firstResponse: 0, nextResponse: 0, conversations: 0 };
  for (const timeline of timelines) {
    let breached = false;
    for (const event of timeline.events) {
      if (event.type !== 'desk' || event.step.kind !== 'sla-breached') continue;
      breached = true;
      if (event.step.reason === 'first-response') breaches.firstResponse++;
      else breaches.nextResponse++;
    }
    if (breached) breaches.conversations++;
    const { firstViewerMessageAt, firstAiAnswerAt } = timeline;
    if (firstViewerMessageAt !== undefined && firstAiAnswerAt !== undefined) {
      const humanAt = firstHumanAt(timeline);
      // An AI answer that came only after a person had the conversation (handed back) is not its first response.
      if (humanAt === undefined || firstAiAnswerAt <= humanAt)
        ai.push(elapsedMs(firstViewerMessageAt, firstAiAnswerAt));
    }
    for (const episode of deskEpisodes(timeline)) {
      if (episode.firstAgentMessageAt !== undefined)
        human.push(elapsedMs(episode.queuedAt, episode.firstAgentMessageAt));
      else if (episode.releasedAt !== undefined) unanswered++;
      if (episode.acceptedAt !== undefined) toPerson.push(elapsedMs(episode.queuedAt, episode.acceptedAt));
      else if (episode.releasedAt !== undefined) abandoned++;
      for (const segment of episode.segments)
        if (segment.endedAt !== undefined) handle.push(elapsedMs(segment.acceptedAt, segment.endedAt));
    }
  }
  return {
    aiFirstResponse: summarizeDurations(ai),
    humanFirstResponse: { ...summarizeDurations(human), unanswered },
    timeToPerson: { ...summarizeDurations(toPerson), abandoned },
    handleTime: summarizeDurations(handle),
    slaBreaches: breaches,
  };
}

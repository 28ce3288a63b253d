import type { MetricName, MetricResult } from './analytics-service.js';

/** Where the names people recognise come from: staff accounts, and what viewers called themselves. */
export interface DisplayNameSource {
  /** Staff display names by account id, read once per answer. */
  staffNames(): ReadonlyMap<string, string>;
  /** Viewer display names by conversation id; conversations without one are left out. */
  viewerNames(conversationIds: readonly string[]): Promise<ReadonlyMap<string, string>>;
}

/**
 * Adds the agent's name to each agent row and satisfaction comment, and the viewer's name to each comment,
 * beside the ids. Applied after the cache so a renamed account shows its new name at once.
 */
export async function withDisplayNames<Name extends MetricName>(
  result: MetricResult<Name>,
  names: DisplayNameSource,
): Promise<MetricResult<Name>> {
  if (result.metric === 'agents') {
    const data = (result as MetricResult<'agents'>).data;
    const staff = names.staffNames();
    const agents = data.agents.map((row) => {
      const agentName = staff.get(row.agentId);
      return agentName === undefined ? row : { ...row, agentName };
    });
    return { ...result, data: { ...data, agents } } as MetricResult<Name>;
  }
  if (result.metric === 'satisfaction') {
    const data = (result as MetricResult<'satisfaction'>).data;
    if (data.comments.length === 0) return result;
    const staff = names.staffNames();
    const viewers = await names.viewerNames(data.comments.map((comment) => comment.conversationId));
    const comments = data.comments.map((comment) => {
      const agentName = comment.agentId === undefined ? undefined : staff.get(comment.agentId);
      const viewerName = viewers.get(comment.conversationId);
      return {
        ...comment,
        ...(agentName === undefined ? {} : { agentName }),
        ...(viewerName === undefined ? {} : { viewerName }),
      };
    });
    return { ...result, data: { ...data, comments } } as MetricResult<Name>;
  }
  return result;
}

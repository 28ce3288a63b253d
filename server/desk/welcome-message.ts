/** Where the viewer stands when they enter the queue; `position` 0 means an agent is already being asked. */
export interface WelcomeFacts {
  locale: string | undefined;
  position: number;
  estimatedWaitMs: number | null;
}

/** The queue welcome in the viewer's language (Chinese unless they use English). */
export function welcomeMessage(facts: WelcomeFacts): string {
  const english = facts.locale?.toLowerCase().startsWith('en') ?? false;
  const minutes =
    facts.estimatedWaitMs === null ? undefined : Math.max(1, Math.ceil(facts.estimatedWaitMs / 60_000));
  if (english) {
    if (facts.position === 0) return 'A support agent is being connected now. One moment, please.';
    const place = `You are number ${facts.position} in the queue for a support agent.`;
    if (minutes === undefined)
      return `${place} No agent is available right now; we will connect you as soon as one is.`;
    return `${place} Estimated wait: about ${minutes} min. You can keep writing here meanwhile.`;
  }
  if (facts.position === 0) return '正在为你接通人工客服，请稍候。';
  const place = `已为你转接人工客服，你前面还有 ${facts.position - 1} 位。`;
  if (minutes === undefined) return `${place}目前暂无在线客服，有客服上线会第一时间为你服务。`;
  return `${place}预计等待约 ${minutes} 分钟，等待期间可以继续留言。`;
}

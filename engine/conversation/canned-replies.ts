import { z } from 'zod';

const RepliesSchema = z.object({
  decline: z.string(),
  closestTopicsIntro: z.string(),
  howToReachPerson: z.string(),
  clarifyIntro: z.string(),
  handoff: z.string(),
  handoffWithAnswer: z.string(),
  composerFailed: z.string(),
});
export type Replies = z.infer<typeof RepliesSchema>;

export const CannedRepliesSchema = z.record(z.string(), RepliesSchema);
export type CannedReplies = z.infer<typeof CannedRepliesSchema>;

/** What the assistant says in its own voice. Configuration, so operators can word it their way. */
export const DEFAULT_CANNED_REPLIES: CannedReplies = {
  zh: {
    decline: '抱歉，这个问题我暂时回答不了。',
    closestTopicsIntro: '你可能想问：',
    howToReachPerson: '如需人工客服，请回复“转人工”。',
    clarifyIntro: '你想问的是哪一个？',
    handoff: '已为你转接人工客服，请稍候，客服会看到你们之前的对话。',
    handoffWithAnswer: '同时已为你转接人工客服，请稍候。',
    composerFailed: '网络有点问题，以下是帮助中心的说明：',
  },
  en: {
    decline: "Sorry, that's not something I can answer.",
    closestTopicsIntro: 'Maybe you meant:',
    howToReachPerson: 'To talk to a person, reply "agent".',
    clarifyIntro: 'Which of these do you mean?',
    handoff:
      "I'm passing you to a support agent now. They will see our conversation, so you won't need to repeat yourself.",
    handoffWithAnswer: "I've also asked a support agent to join; please hold on.",
    composerFailed: 'Something went wrong on my side; here is what our help centre says:',
  },
};

export function repliesFor(replies: CannedReplies, locale: string): Replies {
  return replies[locale] ?? replies[locale.split('-')[0] ?? ''] ?? replies.en ?? Object.values(replies)[0]!;
}

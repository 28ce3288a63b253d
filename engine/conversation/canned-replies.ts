import { z } from 'zod';

const RepliesSchema = z.object({
  decline: z.string(),
  howToReachPerson: z.string(),
  clarifyIntro: z.string(),
  /** Said when a person gives the conversation back to the AI. */
  handedBack: z.string(),
  composerFailed: z.string(),
});
export type Replies = z.infer<typeof RepliesSchema>;

export const CannedRepliesSchema = z.record(z.string(), RepliesSchema);
export type CannedReplies = z.infer<typeof CannedRepliesSchema>;

/**
 * What the assistant says in its own voice. Configuration, so operators can word it their way. The queue
 * welcome after a handoff is the desk's (server/desk/welcome-message.ts): one line, with the wait.
 */
export const DEFAULT_CANNED_REPLIES: CannedReplies = {
  zh: {
    decline: '抱歉，这个问题我暂时回答不了。',
    howToReachPerson: '如需人工客服，请回复“转人工”。',
    clarifyIntro: '你想问的是哪一个？',
    handedBack: '人工客服已结束服务，接下来由 AI 助手继续为你解答，有问题随时问我。',
    composerFailed: '网络有点问题，以下是帮助中心的说明：',
  },
  en: {
    decline: "Sorry, that's not something I can answer.",
    howToReachPerson: 'To talk to a person, reply "agent".',
    clarifyIntro: 'Which of these do you mean?',
    handedBack:
      'The support agent has handed you back to the AI assistant. Ask me anything, I am here to help.',
    composerFailed: 'Something went wrong on my side; here is what our help centre says:',
  },
};

export function repliesFor(replies: CannedReplies, locale: string): Replies {
  return replies[locale] ?? replies[locale.split('-')[0] ?? ''] ?? replies.en ?? Object.values(replies)[0]!;
}

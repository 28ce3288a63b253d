import { z } from 'zod';
import { MORE_CANNED_REPLIES } from './canned-replies-more-languages.js';

const RepliesSchema = z.object({
  decline: z.string(),
  howToReachPerson: z.string(),
  clarifyIntro: z.string(),
  /** Said when a person gives the conversation back to the AI. */
  handedBack: z.string(),
  /** To a viewer who may hurt themselves or someone else: a caring word, then `safetyHotline`. */
  safetyCare: z.string(),
  /** Where to get help now; operators set their region's lines (LIVEDESK_SAFETY_HOTLINE). */
  safetyHotline: z.string(),
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
    safetyCare: '听起来你现在很难受，谢谢你愿意说出来。你不是一个人，我们的同事马上来陪你聊。',
    safetyHotline:
      '如果你或身边的人有危险，请立即拨打 110 或 120。也可以拨打全国心理援助热线 12356，或希望24热线 400-161-9995（24 小时）。',
    composerFailed: '网络有点问题，以下是帮助中心的说明：',
  },
  en: {
    decline: "Sorry, that's not something I can answer.",
    howToReachPerson: 'To talk to a person, reply "agent".',
    clarifyIntro: 'Which of these do you mean?',
    handedBack:
      'The support agent has handed you back to the AI assistant. Ask me anything, I am here to help.',
    safetyCare:
      "It sounds like things are really hard right now, and I'm glad you told us. You're not alone: a member of our team is joining you now.",
    safetyHotline:
      'If you or someone near you is in danger, call your local emergency number now. In the US you can call or text 988; in the UK and Ireland, Samaritans are on 116 123.',
    composerFailed: 'Something went wrong on my side; here is what our help centre says:',
  },
  ...MORE_CANNED_REPLIES,
};

export function repliesFor(replies: CannedReplies, locale: string): Replies {
  return replies[locale] ?? replies[locale.split('-')[0] ?? ''] ?? replies.en ?? Object.values(replies)[0]!;
}

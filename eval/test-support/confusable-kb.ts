import type { EntryInput } from '../../knowledge/entry.js';

/**
 * Two entries an editor wrote alike (the same wordings pasted into both, as happens when one entry is
 * split in two), beside entries nothing else resembles.
 */
export const CONFUSABLE_KB: EntryInput[] = [
  {
    id: 'coins.top-up',
    locale: 'en',
    questions: [
      'How do I top up coins?',
      'top up coins in the wallet',
      'where do I top up my coins',
      'top up coins with a card',
    ],
    answer: 'Me > Wallet > Top up.',
  },
  {
    id: 'coins.recharge',
    locale: 'en',
    questions: [
      'How do I top up coins?',
      'top up coins in the wallet',
      'where do I top up my coins',
      'top up my coins by card',
    ],
    answer: 'Open the wallet and tap Recharge.',
  },
  {
    id: 'account.delete',
    locale: 'en',
    questions: ['How do I delete my account?', 'close my account forever', 'remove my profile and data'],
    answer: 'Settings > Account > Delete account.',
  },
  {
    id: 'danmaku.mute',
    locale: 'en',
    questions: [
      'Why was I muted in the chat?',
      'I cannot send bullet comments',
      'someone muted me in the room',
    ],
    answer: 'A moderator muted you; it lifts after 24 hours.',
  },
  {
    id: 'gifts.send',
    locale: 'en',
    questions: [
      'How do I send a gift to the streamer?',
      'where is the gift button',
      'send gifts during a live',
    ],
    answer: 'Tap the gift box under the stream.',
  },
  {
    id: 'streamer.apply',
    locale: 'en',
    questions: ['How do I become a streamer?'],
    answer: 'Apply under Me > Go live.',
  },
];

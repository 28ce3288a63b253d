import type { ViewerLanguage } from './viewer-language.js';
import { MORE_VIEWER_TEXTS } from './viewer-texts-more.js';

/** Every word the viewer demo shows, per UI language. */
export interface ViewerTexts {
  pageTitle: string;
  streamLabel: string;
  chatLabel: string;
  live: string;
  stageNote: string;
  title: string;
  placeholder: string;
  send: string;
  you: string;
  /** Marks a message the viewer spoke. */
  voice: string;
  assistant: string;
  agent: string;
  system: string;
  states: Record<'ai' | 'pending_human' | 'human' | 'closed', string>;
  connection: Record<'connecting' | 'open' | 'reconnecting' | 'closed', string>;
  decline: string;
  interrupted: string;
  stopped: string;
  answerError: string;
  sending: string;
  rateTitle: string;
  rateComment: string;
  rateSubmit: string;
  rated: (score: number) => string;
  voiceTitle: string;
  voiceHint: string;
  speakAnswers: string;
  voicePlaceholder: string;
  voiceInterim: string;
  voiceFinal: string;
  voiceSay: string;
  speaking: (played: number, total: number) => string;
  paused: string;
  silent: string;
  stopSpeaking: string;
  heard: (final: boolean) => string;
  errorPrefix: string;
}

const EN: ViewerTexts = {
  pageTitle: 'Livedesk · Live room',
  streamLabel: 'Live stream',
  chatLabel: 'Support chat',
  live: 'LIVE',
  stageNote: 'The live stream plays here. Ask the assistant anything about the app.',
  title: 'Help',
  placeholder: 'Ask a question…',
  send: 'Send',
  you: 'You',
  voice: 'voice',
  assistant: 'Assistant',
  agent: 'Agent',
  system: 'Livedesk',
  states: {
    ai: 'AI assistant',
    pending_human: 'Waiting for a person',
    human: 'With an agent',
    closed: 'Closed',
  },
  connection: { connecting: 'Connecting…', open: 'Online', reconnecting: 'Reconnecting…', closed: 'Offline' },
  decline: 'Maybe one of these helps:',
  interrupted: 'interrupted',
  stopped: 'paused while you speak',
  answerError: 'Sorry, the answer broke off.',
  sending: 'sending…',
  rateTitle: 'How did we do?',
  rateComment: 'Anything to add? (optional)',
  rateSubmit: 'Send rating',
  rated: (score) => `Thanks for rating us ${score}/5.`,
  voiceTitle: 'Voice simulation',
  voiceHint: 'Type what the viewer says and send it as speech-to-text results.',
  speakAnswers: 'Play answers aloud (simulated text-to-speech)',
  voicePlaceholder: 'words the viewer says',
  voiceInterim: 'Interim',
  voiceFinal: 'Final',
  voiceSay: 'Speak (interim → final)',
  speaking: (played, total) => `Speaking… ${played}/${total} characters`,
  paused: 'Paused: the viewer is talking',
  silent: 'Not speaking',
  stopSpeaking: 'Stop',
  heard: (final) => (final ? 'final' : 'interim'),
  errorPrefix: 'Problem',
};

const ZH: ViewerTexts = {
  pageTitle: 'Livedesk · 直播间',
  streamLabel: '直播画面',
  chatLabel: '客服对话',
  live: '直播中',
  stageNote: '直播画面在这里播放。有任何关于 App 的问题，都可以问智能助手。',
  title: '客服',
  placeholder: '输入你的问题…',
  send: '发送',
  you: '我',
  voice: '语音',
  assistant: '智能助手',
  agent: '人工客服',
  system: '系统',
  states: { ai: '智能助手', pending_human: '等待人工', human: '人工服务中', closed: '已结束' },
  connection: { connecting: '连接中…', open: '在线', reconnecting: '重新连接中…', closed: '离线' },
  decline: '也许这些能帮到您：',
  interrupted: '已打断',
  stopped: '您说话时暂停',
  answerError: '抱歉，回答中断了。',
  sending: '发送中…',
  rateTitle: '请为本次服务评分',
  rateComment: '还有什么想说的？（选填）',
  rateSubmit: '提交评价',
  rated: (score) => `感谢您的评分：${score}/5。`,
  voiceTitle: '语音模拟',
  voiceHint: '输入观众说的话，作为语音识别结果发送。',
  speakAnswers: '朗读回答（模拟语音合成）',
  voicePlaceholder: '观众说的话',
  voiceInterim: '中间结果',
  voiceFinal: '最终结果',
  voiceSay: '说出（中间 → 最终）',
  speaking: (played, total) => `正在朗读… ${played}/${total} 字`,
  paused: '已暂停：观众正在说话',
  silent: '未在朗读',
  stopSpeaking: '停止',
  heard: (final) => (final ? '最终' : '中间'),
  errorPrefix: '出错了',
};

/** The texts of a viewer language; the widget's ten languages, one object each. */
export function viewerTexts(language: ViewerLanguage): ViewerTexts {
  if (language === 'zh') return ZH;
  if (language === 'en') return EN;
  return MORE_VIEWER_TEXTS[language];
}

/** The words of the real microphone and spoken answers (server/voice/), shared by the viewer page and the widget. */
export interface MicrophoneTexts {
  title: string;
  hint: string;
  start: string;
  stop: string;
  /** The indicator: microphone off, open and waiting, hearing speech. */
  listening: Record<'off' | 'starting' | 'listening' | 'hearing', string>;
  heard: (final: boolean) => string;
  /** The spoken-answer indicator. */
  speech: Record<'silent' | 'speaking' | 'paused', string>;
  /** The label on a question the viewer asked out loud (the widget's chat). */
  spoken: string;
  permissionDenied: string;
  noMicrophone: string;
  unavailable: string;
  tooFast: string;
  failed: (message: string) => string;
}

export const MICROPHONE_TEXTS_EN: MicrophoneTexts = {
  title: 'Talk to the assistant',
  hint: 'Press the microphone and ask out loud; the answer is read back to you.',
  start: 'Start talking',
  stop: 'Stop the microphone',
  listening: {
    off: 'Microphone off',
    starting: 'Opening the microphone…',
    listening: 'Listening…',
    hearing: 'Hearing you…',
  },
  heard: (final) => (final ? 'Heard' : 'Hearing'),
  speech: { silent: 'Not speaking', speaking: 'Speaking the answer…', paused: 'Paused while you talk' },
  spoken: 'spoken',
  permissionDenied: 'The browser did not allow the microphone. Allow it for this page, or type instead.',
  noMicrophone: 'No microphone was found. Type your question instead.',
  unavailable: 'Voice is not available here right now. Type your question instead.',
  tooFast: 'The connection is too slow for voice; some of what you said was lost.',
  failed: (message) => `Voice problem: ${message}`,
};

export const MICROPHONE_TEXTS_ZH: MicrophoneTexts = {
  title: '语音提问',
  hint: '按下麦克风直接说出问题，回答会读给你听。',
  start: '开始说话',
  stop: '关闭麦克风',
  listening: {
    off: '麦克风已关闭',
    starting: '正在打开麦克风…',
    listening: '正在听…',
    hearing: '听到你在说话…',
  },
  heard: (final) => (final ? '已识别' : '识别中'),
  speech: { silent: '未在朗读', speaking: '正在朗读回答…', paused: '你说话时已暂停' },
  spoken: '语音',
  permissionDenied: '浏览器没有允许使用麦克风。请为本页开启麦克风权限，或改为打字。',
  noMicrophone: '没有找到麦克风，请改为打字提问。',
  unavailable: '暂时无法使用语音，请改为打字提问。',
  tooFast: '网络太慢，部分语音没有传到。',
  failed: (message) => `语音出错：${message}`,
};

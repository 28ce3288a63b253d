/** The words around pictures, stickers, voice clips and files in a chat (widget, viewer page, console). */
export interface MediaTexts {
  /** The attach button: what it sends. */
  attach: string;
  emoji: string;
  image: string;
  sticker: string;
  voice: string;
  file: string;
  /** The thumbnail's button: opens the picture full size. */
  open: string;
  close: string;
  /** An upload under way, with how much has gone. */
  uploading: (percent: number) => string;
  failed: string;
  retry: string;
  tooLarge: string;
  unsupported: string;
  tooMany: string;
  /** Before the words a voice clip was heard to say. */
  transcript: string;
  download: string;
}

export const MEDIA_TEXTS_EN: MediaTexts = {
  attach: 'Send a picture or a voice clip',
  emoji: 'Add an emoji',
  image: 'Picture',
  sticker: 'Sticker',
  voice: 'Voice clip',
  file: 'File',
  open: 'Open the picture',
  close: 'Close',
  uploading: (percent) => `Sending… ${percent}%`,
  failed: 'Not sent',
  retry: 'Try again',
  tooLarge: 'The file is too large',
  unsupported: 'This kind of file cannot be sent',
  tooMany: 'Too many files at once; wait a moment',
  transcript: 'Transcript',
  download: 'Download',
};

export const MEDIA_TEXTS_ZH: MediaTexts = {
  attach: '发送图片或语音',
  emoji: '插入表情',
  image: '图片',
  sticker: '贴纸',
  voice: '语音',
  file: '文件',
  open: '查看大图',
  close: '关闭',
  uploading: (percent) => `发送中… ${percent}%`,
  failed: '发送失败',
  retry: '重试',
  tooLarge: '文件太大',
  unsupported: '不支持发送这类文件',
  tooMany: '发送太频繁，请稍后再试',
  transcript: '语音转文字',
  download: '下载',
};

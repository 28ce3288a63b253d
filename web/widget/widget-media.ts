import { h } from '../shared/dom.js';
import { MediaController } from '../shared/media-controller.js';
import type { MediaMessageView } from '../shared/media-message.js';
import type { MediaTexts } from '../shared/media-texts.js';
import type { UploadTarget } from '../shared/media-uploads.js';

export const WIDGET_MEDIA_CSS = `
.tool { all: initial; flex: none; width: 36px; height: 40px; display: flex; align-items: center; justify-content: center; color: #6b6b73; font: 22px/40px Arial, sans-serif; cursor: pointer; border-radius: 50%; }
.tool:hover, .tool:focus-visible { color: var(--ld-accent); }
.tool svg { width: 22px; height: 22px; fill: currentColor; }
.composer { gap: 4px; }
.file-input { display: none; }
.emoji-grid { display: grid; grid-template-columns: repeat(8, 1fr); gap: 2px; padding: 6px 8px; background: #fff; border-top: 1px solid #ececf0; }
.emoji-grid[hidden], .media-retry[hidden], .media-progress[hidden], .media-overlay[hidden] { display: none; }
.emoji { all: initial; font: 22px/36px sans-serif; text-align: center; cursor: pointer; border-radius: 8px; }
.emoji:hover, .emoji:focus-visible { background: #f0f0f4; }
.media { padding: 4px; border-radius: 14px; background: #fff; box-shadow: 0 1px 2px rgba(0, 0, 0, 0.06); max-width: 100%; }
.media-sticker { background: transparent; box-shadow: none; }
.media-thumb { all: initial; display: block; cursor: zoom-in; }
.media img { display: block; max-width: 220px; max-height: 220px; width: auto; height: auto; border-radius: 10px; }
.media-sticker img { max-width: 120px; max-height: 120px; }
.media-audio { display: block; width: 240px; max-width: 100%; height: 40px; }
.media-label, .media-upload-name { font-size: 12px; color: #6b6b73; margin: 2px 6px; }
.media-transcript { margin: 4px 6px 2px; font-size: 13px; color: #1c1c1f; white-space: pre-wrap; overflow-wrap: anywhere; }
.media-transcript-label { color: #6b6b73; }
.media-file-link { display: block; padding: 6px 8px; color: var(--ld-accent); overflow-wrap: anywhere; }
.media-upload { gap: 4px; padding: 8px 10px; border-radius: 14px; background: #fff; font-size: 13px; }
.media-upload.failed { color: #b42318; }
.media-progress { width: 180px; accent-color: var(--ld-accent); }
.media-retry { all: initial; margin-inline-start: 8px; font: inherit; color: var(--ld-accent); text-decoration: underline; cursor: pointer; }
.media-overlay { position: fixed; inset: 0; z-index: 1; display: flex; align-items: center; justify-content: center; background: rgba(0, 0, 0, 0.85); pointer-events: auto; }
.media-full { max-width: 100%; max-height: 100%; object-fit: contain; }
.media-close { all: initial; position: absolute; top: 12px; inset-inline-end: 12px; width: 44px; height: 44px; border-radius: 50%; background: rgba(255, 255, 255, 0.2); color: #fff; font: 28px/44px Arial, sans-serif; text-align: center; cursor: pointer; }
`;

export interface WidgetMediaOptions {
  texts: MediaTexts;
  /** The label over an agent's media (the widget's word for them). */
  agentLabel: string;
  baseUrl: string;
  /** The root inside the shadow DOM: the picture overlay goes there. */
  root: HTMLElement;
  input: HTMLInputElement;
  append: (item: HTMLLIElement) => void;
  scrollToEnd: () => void;
  /** The viewer's token and conversation, once joined. */
  target: () => UploadTarget | undefined;
}

/**
 * The widget's attach and emoji buttons, its uploads, and the media messages of the conversation
 * (web/shared/media-controller.ts); the widget draws the bubbles.
 */
export class WidgetMedia {
  readonly tools: HTMLElement[];
  readonly emojiGrid: HTMLDivElement;
  private readonly options: WidgetMediaOptions;
  private readonly media: MediaController;

  constructor(options: WidgetMediaOptions) {
    this.options = options;
    this.media = new MediaController({
      texts: options.texts,
      input: options.input,
      overlayRoot: options.root,
      baseUrl: options.baseUrl,
      target: options.target,
      appendUpload: options.append,
      // A picture takes its height once loaded: keep the newest message in view.
      imageLoaded: options.scrollToEnd,
    });
    this.emojiGrid = this.media.emojiGrid;
    this.tools = [this.media.attach, this.media.emojiButton, this.media.fileInput];
  }

  /** A `media-message` event: the viewer's own (replacing its upload line) or an agent's. */
  render(media: MediaMessageView): void {
    const item = h('li', { className: `message ${media.by} media-message` });
    if (media.by === 'agent') item.append(h('span', { className: 'author', text: this.options.agentLabel }));
    item.append(this.media.body(media));
    if (!this.media.arrived(media.mediaId, item)) this.options.append(item);
  }

  /** A viewer message that is a clip's transcript goes under the clip; false for any other message. */
  transcript(clientMessageId: string | undefined, text: string): boolean {
    return this.media.transcript(clientMessageId, text);
  }
}

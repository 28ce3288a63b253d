import { h } from './dom.js';
import { emojiPicker } from './emoji-picker.js';
import { clipIcon } from './media-icons.js';
import { MediaLightbox } from './media-lightbox.js';
import { transcribedClip, type MediaMessageView } from './media-message.js';
import type { MediaTexts } from './media-texts.js';
import { freshMediaUrl } from './media-upload.js';
import { MediaUploads, type UploadTarget } from './media-uploads.js';
import { addTranscript, mediaBody } from './media-view.js';

export interface MediaControllerOptions {
  texts: MediaTexts;
  /** The message input: the emoji picker types into it. */
  input: HTMLInputElement;
  /** Where the full-size picture overlay goes (the page's body, or the widget's shadow root). */
  overlayRoot: HTMLElement;
  /** Where Livedesk runs: media URLs are relative to it. */
  baseUrl: string;
  /** The viewer's token and conversation, once joined. */
  target: () => UploadTarget | undefined;
  /** Shows an upload's line (progress, retry) in the conversation. */
  appendUpload: (item: HTMLLIElement) => void;
  /** A picture took its height: the page keeps the newest message in view. */
  imageLoaded: () => void;
  /** Ids for the attach button and file input (the viewer page's tests and styles use them). */
  ids?: { attach: string; file: string };
}

/**
 * What the viewer page and the widget share of media: the attach and emoji buttons with their file input
 * and grid, uploads with their progress lines, the bodies of media messages (with fresh signed URLs and
 * the picture overlay), and clips' transcripts under them. Each page places the parts and draws the bubble.
 */
export class MediaController {
  readonly attach: HTMLButtonElement;
  readonly emojiButton: HTMLButtonElement;
  readonly emojiGrid: HTMLDivElement;
  readonly fileInput: HTMLInputElement;
  private readonly options: MediaControllerOptions;
  private readonly lightbox: MediaLightbox;
  private readonly uploads: MediaUploads;
  /** Voice clips by message id: what the recogniser heard comes after them. */
  private readonly clips = new Map<string, HTMLElement>();

  constructor(options: MediaControllerOptions) {
    this.options = options;
    const { texts, ids } = options;
    this.fileInput = h('input', {
      className: 'file-input',
      attributes: {
        type: 'file',
        accept: 'image/*,audio/*',
        hidden: '',
        tabindex: '-1',
        'aria-hidden': 'true',
        ...(ids ? { id: ids.file } : {}),
      },
    });
    this.attach = h('button', {
      className: 'tool attach',
      attributes: { type: 'button', 'aria-label': texts.attach, ...(ids ? { id: ids.attach } : {}) },
      title: texts.attach,
    });
    this.attach.append(clipIcon());
    this.attach.addEventListener('click', () => this.fileInput.click());
    this.fileInput.addEventListener('change', () => {
      for (const chosen of this.fileInput.files ?? []) this.uploads.send(chosen);
      this.fileInput.value = '';
    });
    const emoji = emojiPicker(options.input, texts.emoji);
    emoji.button.classList.add('tool');
    this.emojiButton = emoji.button;
    this.emojiGrid = emoji.grid;
    this.lightbox = new MediaLightbox(options.overlayRoot, texts);
    this.uploads = new MediaUploads({
      texts,
      target: options.target,
      append: options.appendUpload,
      className: 'message viewer',
    });
  }

  /** A media message's body (its bubble is the page's). */
  body(media: MediaMessageView): HTMLElement {
    const body = mediaBody(media, {
      texts: this.options.texts,
      baseUrl: this.options.baseUrl,
      freshUrl: (mediaId, variant) => {
        const target = this.options.target();
        return target
          ? freshMediaUrl({ baseUrl: target.baseUrl, token: target.token, mediaId, variant })
          : Promise.reject(new Error('not connected'));
      },
      openImage: (url, label, from, renew) => this.lightbox.open(url, label, from, renew),
    });
    if (media.kind === 'voice') this.clips.set(media.messageId, body);
    body.querySelector('img')?.addEventListener('load', () => this.options.imageLoaded(), { once: true });
    return body;
  }

  /** A viewer message that is a clip's transcript goes under the clip; false for any other message. */
  transcript(clientMessageId: string | undefined, text: string): boolean {
    const clip = this.clips.get(transcribedClip(clientMessageId) ?? '');
    if (clip) addTranscript(clip, text, this.options.texts);
    return clip !== undefined;
  }

  /** Whether this page's own upload line stood for it (and now shows `item` instead). */
  arrived(mediaId: string, item: HTMLLIElement): boolean {
    return this.uploads.arrived(mediaId, item);
  }
}

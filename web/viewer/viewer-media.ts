import { emojiPicker } from '../shared/emoji-picker.js';
import { h, scrollToEndIfNear } from '../shared/dom.js';
import { clipIcon } from '../shared/media-icons.js';
import { MediaLightbox } from '../shared/media-lightbox.js';
import { transcribedClip, type MediaMessageView } from '../shared/media-message.js';
import type { MediaTexts } from '../shared/media-texts.js';
import { freshMediaUrl } from '../shared/media-upload.js';
import { MediaUploads, type UploadTarget } from '../shared/media-uploads.js';
import { addTranscript, mediaBody } from '../shared/media-view.js';

export interface ViewerMediaOptions {
  texts: MediaTexts;
  composer: HTMLFormElement;
  input: HTMLInputElement;
  list: HTMLOListElement;
  /** The viewer's token and conversation, once joined. */
  target: () => UploadTarget | undefined;
}

/** The viewer page's attach and emoji buttons, uploads, and the bodies of media messages. */
export class ViewerMedia {
  private readonly options: ViewerMediaOptions;
  private readonly uploads: MediaUploads;
  private readonly lightbox: MediaLightbox;
  /** Voice clips by message id: what the recogniser heard comes after them. */
  private readonly clips = new Map<string, HTMLElement>();

  constructor(options: ViewerMediaOptions) {
    this.options = options;
    const { texts } = options;
    const file = h('input', {
      className: 'file-input',
      attributes: { type: 'file', accept: 'image/*,audio/*', hidden: '', id: 'media-file' },
    });
    const attach = h('button', {
      className: 'tool attach',
      attributes: { type: 'button', id: 'attach-button', 'aria-label': texts.attach },
      title: texts.attach,
    });
    attach.append(clipIcon());
    attach.addEventListener('click', () => file.click());
    file.addEventListener('change', () => {
      for (const chosen of file.files ?? []) this.uploads.send(chosen);
      file.value = '';
    });
    const emoji = emojiPicker(options.input, texts.emoji);
    emoji.button.classList.add('tool');
    options.composer.prepend(attach, emoji.button, file);
    options.composer.before(emoji.grid);
    this.lightbox = new MediaLightbox(document.body, texts);
    this.uploads = new MediaUploads({
      texts,
      target: options.target,
      append: (item) => {
        options.list.append(item);
        options.list.scrollTop = options.list.scrollHeight;
      },
      className: 'message viewer',
    });
  }

  /** A media message's body (its bubble is the chat view's). */
  body(media: MediaMessageView): HTMLElement {
    const body = mediaBody(media, {
      texts: this.options.texts,
      baseUrl: location.origin,
      freshUrl: (mediaId, variant) => {
        const target = this.options.target();
        return target
          ? freshMediaUrl({ baseUrl: target.baseUrl, token: target.token, mediaId, variant })
          : Promise.reject(new Error('not connected'));
      },
      openImage: (url, label, from, renew) => this.lightbox.open(url, label, from, renew),
    });
    if (media.kind === 'voice') this.clips.set(media.messageId, body);
    // A picture takes its height once loaded: the list follows it down if the reader was at the end.
    body.querySelector('img')?.addEventListener('load', () => scrollToEndIfNear(this.options.list), {
      once: true,
    });
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

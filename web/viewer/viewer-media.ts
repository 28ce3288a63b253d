import { scrollToEndIfNear } from '../shared/dom.js';
import { MediaController } from '../shared/media-controller.js';
import type { MediaMessageView } from '../shared/media-message.js';
import type { MediaTexts } from '../shared/media-texts.js';
import type { UploadTarget } from '../shared/media-uploads.js';

export interface ViewerMediaOptions {
  texts: MediaTexts;
  composer: HTMLFormElement;
  input: HTMLInputElement;
  list: HTMLOListElement;
  /** The viewer's token and conversation, once joined. */
  target: () => UploadTarget | undefined;
}

/** The viewer page's attach and emoji buttons, uploads, and the bodies of media messages (web/shared/media-controller.ts). */
export class ViewerMedia {
  private readonly media: MediaController;

  constructor(options: ViewerMediaOptions) {
    const { list } = options;
    this.media = new MediaController({
      texts: options.texts,
      input: options.input,
      overlayRoot: document.body,
      baseUrl: location.origin,
      target: options.target,
      appendUpload: (item) => {
        list.append(item);
        list.scrollTop = list.scrollHeight;
      },
      // A picture takes its height once loaded: the list follows it down if the reader was at the end.
      imageLoaded: () => scrollToEndIfNear(list),
      ids: { attach: 'attach-button', file: 'media-file' },
    });
    options.composer.prepend(this.media.attach, this.media.emojiButton, this.media.fileInput);
    options.composer.before(this.media.emojiGrid);
  }

  /** A media message's body (its bubble is the chat view's). */
  body(media: MediaMessageView): HTMLElement {
    return this.media.body(media);
  }

  /** A viewer message that is a clip's transcript goes under the clip; false for any other message. */
  transcript(clientMessageId: string | undefined, text: string): boolean {
    return this.media.transcript(clientMessageId, text);
  }

  /** Whether this page's own upload line stood for it (and now shows `item` instead). */
  arrived(mediaId: string, item: HTMLLIElement): boolean {
    return this.media.arrived(mediaId, item);
  }
}

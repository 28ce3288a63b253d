import { h } from './dom.js';
import type { MediaTexts } from './media-texts.js';
import { MediaUploadError, uploadMedia, type UploadedMedia } from './media-upload.js';

export interface UploadTarget {
  baseUrl: string;
  token: string;
  conversationId: string;
}

export interface MediaUploadsOptions {
  texts: MediaTexts;
  /** Where to send now; undefined while not in a conversation (the upload fails and offers a retry). */
  target: () => UploadTarget | undefined;
  /** Shows an upload's line in the message list. */
  append: (item: HTMLLIElement) => void;
  /** Class names of the line, beside `media-upload` (`message viewer`). */
  className: string;
}

/** Why an upload failed, in the reader's words. */
export function uploadProblem(error: unknown, texts: MediaTexts): string {
  if (!(error instanceof MediaUploadError)) return texts.failed;
  if (error.code === 'too_large') return texts.tooLarge;
  if (error.code === 'unsupported_type') return texts.unsupported;
  if (error.code === 'rate_limited') return texts.tooMany;
  return `${texts.failed}: ${error.message}`;
}

/**
 * Files the viewer (or agent) sends: a line per file with its progress, a reason and a retry when it
 * fails, replaced by the message itself once the conversation's `media-message` event comes (which may be
 * before or after the upload's own answer).
 */
export class MediaUploads {
  private readonly options: MediaUploadsOptions;
  /** Uploaded, waiting for their event. */
  private readonly waiting = new Map<string, HTMLLIElement>();
  /** Events already drawn: an upload answered after its event just goes. */
  private readonly drawn = new Set<string>();

  constructor(options: MediaUploadsOptions) {
    this.options = options;
  }

  send(file: File): void {
    const { texts } = this.options;
    const progress = h('progress', { className: 'media-progress', attributes: { max: '100', value: '0' } });
    const status = h('span', { className: 'media-upload-status', text: texts.uploading(0) });
    const retry = h('button', {
      className: 'media-retry',
      text: texts.retry,
      attributes: { type: 'button' },
    });
    retry.hidden = true;
    const item = h('li', { className: `${this.options.className} media-upload pending` }, [
      h('span', { className: 'media-upload-name', text: file.name }),
      progress,
      h('span', { className: 'media-upload-line' }, [status, retry]),
    ]);
    const attempt = () => {
      item.classList.remove('failed');
      item.classList.add('pending');
      retry.hidden = true;
      progress.hidden = false;
      progress.value = 0;
      status.textContent = texts.uploading(0);
      void this.upload(file, (fraction) => {
        const percent = Math.round(fraction * 100);
        progress.value = percent;
        status.textContent = texts.uploading(percent);
      }).then(
        (uploaded) => this.uploaded(uploaded, item),
        (error: unknown) => {
          item.classList.replace('pending', 'failed');
          progress.hidden = true;
          status.textContent = uploadProblem(error, texts);
          // A file the server refused for what it is stays refused; anything else may pass next time.
          retry.hidden =
            error instanceof MediaUploadError &&
            (error.code === 'too_large' || error.code === 'unsupported_type');
        },
      );
    };
    retry.addEventListener('click', attempt);
    this.options.append(item);
    attempt();
  }

  /**
   * The conversation's event for a medium arrived and is drawn as `shown`: the upload's line (if this
   * page sent it) gives way to it, or just goes when the message is drawn elsewhere (the console's
   * transcript). Returns whether there was one.
   */
  arrived(mediaId: string, shown?: HTMLElement): boolean {
    this.drawn.add(mediaId);
    const line = this.waiting.get(mediaId);
    this.waiting.delete(mediaId);
    if (!line) return false;
    if (shown) line.replaceWith(shown);
    else line.remove();
    return true;
  }

  private upload(file: File, onProgress: (fraction: number) => void): Promise<UploadedMedia> {
    const target = this.options.target();
    if (!target) return Promise.reject(new MediaUploadError('not_joined', 'not connected', 0));
    return uploadMedia({ ...target, file, name: file.name, onProgress });
  }

  private uploaded(uploaded: UploadedMedia, item: HTMLLIElement): void {
    if (this.drawn.has(uploaded.mediaId)) {
      item.remove();
      return;
    }
    item.dataset.mediaId = uploaded.mediaId;
    this.waiting.set(uploaded.mediaId, item);
  }
}

import { h } from '../shared/dom.js';
import { clipIcon } from '../shared/media-icons.js';
import { MediaLightbox } from '../shared/media-lightbox.js';
import { formatBytes, type MediaMessageView, type MediaVariant } from '../shared/media-message.js';
import type { MediaTexts } from '../shared/media-texts.js';
import { freshMediaUrl } from '../shared/media-upload.js';
import { MediaUploads } from '../shared/media-uploads.js';
import { mediaBody } from '../shared/media-view.js';
import type { TicketAttachment } from './console-api.js';

export interface ConsoleMediaOptions {
  texts: MediaTexts;
  /** The player's label on the recording of a viewer's spoken turn (a sent clip's is `texts.voice`). */
  spokenLabel: string;
  /** The staff member's bearer token. */
  token: () => string | undefined;
  /** The reply form: the attach button goes in it, the upload lines above it. */
  form: HTMLFormElement;
  onProblem: (message: string) => void;
}

/**
 * Media in the console: message bodies in the transcript (kept across redraws, so a voice clip goes on
 * playing while new lines arrive), the agent's own uploads into the conversation they hold, and the
 * pictures and clips a ticket keeps.
 */
export class ConsoleMedia {
  private readonly options: ConsoleMediaOptions;
  private readonly lightbox: MediaLightbox;
  private readonly uploads: MediaUploads;
  private readonly attach: HTMLButtonElement;
  /** Drawn bodies by message id and transcript: the transcript is redrawn often, a playing clip must survive that. */
  private readonly drawn = new Map<string, HTMLElement>();
  private conversationId: string | undefined;

  constructor(options: ConsoleMediaOptions) {
    this.options = options;
    const { texts } = options;
    this.lightbox = new MediaLightbox(document.body, texts);
    const file = h('input', {
      attributes: { type: 'file', accept: 'image/*,audio/*', hidden: '', id: 'reply-file' },
    });
    this.attach = h('button', {
      className: 'secondary tool',
      attributes: { type: 'button', id: 'reply-attach', 'aria-label': texts.attach },
      title: texts.attach,
    });
    this.attach.append(clipIcon());
    this.attach.disabled = true;
    this.attach.addEventListener('click', () => file.click());
    file.addEventListener('change', () => {
      for (const chosen of file.files ?? []) this.uploads.send(chosen);
      file.value = '';
    });
    const send = options.form.querySelector('button[type=submit]');
    if (send) send.before(this.attach, file);
    else options.form.append(this.attach, file);
    const lines = h('ol', { className: 'reply-uploads', attributes: { id: 'reply-uploads' } });
    options.form.before(lines);
    this.uploads = new MediaUploads({
      texts,
      target: () => {
        const token = options.token();
        return token && this.conversationId
          ? { baseUrl: location.origin, token, conversationId: this.conversationId }
          : undefined;
      },
      append: (item) => lines.append(item),
      className: 'upload-line',
    });
  }

  /** The conversation the agent may send files into (the one they hold and see), or none. */
  follow(conversationId: string | undefined, enabled: boolean): void {
    this.conversationId = enabled ? conversationId : undefined;
    this.attach.disabled = !enabled;
  }

  /** The body of a media line of the transcript. */
  body(media: MediaMessageView): HTMLElement {
    const key = `${media.messageId}\n${media.transcript ?? ''}`;
    const known = this.drawn.get(key);
    if (known) return known;
    this.uploads.arrived(media.mediaId);
    const { texts, spokenLabel } = this.options;
    const body = mediaBody(media, {
      texts: media.spokenTurn === undefined ? texts : { ...texts, voice: spokenLabel },
      baseUrl: location.origin,
      freshUrl: (mediaId, variant) => this.freshUrl(mediaId, variant),
      openImage: (url, label, from, renew) => this.lightbox.open(url, label, from, renew),
    });
    if (media.spokenTurn !== undefined) body.dataset.spoken = 'true';
    this.drawn.set(key, body);
    return body;
  }

  /** A ticket's attachments: each opens (pictures), plays (clips) or downloads (files) on demand. */
  attachments(attachments: readonly TicketAttachment[]): HTMLElement {
    const { texts } = this.options;
    return h(
      'ul',
      { className: 'ticket-attachments' },
      attachments.map((attachment) => {
        const label = `${attachment.name ?? texts[attachment.kind]} · ${formatBytes(attachment.bytes)}`;
        const open = h('button', {
          className: 'link attachment',
          text: label,
          attributes: { type: 'button' },
        });
        open.dataset.kind = attachment.kind;
        const item = h('li', {}, [
          h('span', { className: 'badge', text: texts[attachment.kind] }),
          ' ',
          open,
        ]);
        open.addEventListener('click', () => {
          void this.freshUrl(attachment.mediaId, 'full').then(
            (url) => {
              if (attachment.kind === 'image' || attachment.kind === 'sticker')
                this.lightbox.open(url, label, open);
              else if (attachment.kind === 'voice') {
                const player =
                  item.querySelector('audio') ?? item.appendChild(h('audio', { className: 'media-audio' }));
                player.controls = true;
                player.src = url;
                void player.play().catch(() => undefined);
              } else window.open(url, '_blank', 'noopener');
            },
            (error: unknown) =>
              this.options.onProblem(error instanceof Error ? error.message : String(error)),
          );
        });
        return item;
      }),
    );
  }

  private freshUrl(mediaId: string, variant: MediaVariant): Promise<string> {
    const token = this.options.token();
    if (!token) return Promise.reject(new Error('not signed in'));
    return freshMediaUrl({ baseUrl: location.origin, token, mediaId, variant });
  }
}

import { h } from './dom.js';
import { formatClock } from './format-duration.js';
import { formatBytes, mediaAddress, type MediaMessageView, type MediaVariant } from './media-message.js';
import type { MediaTexts } from './media-texts.js';

/** Signed addresses live about ten minutes; past this, one is asked for again before it is used. */
const ADDRESS_FRESH_MS = 9 * 60_000;

export interface MediaViewOptions {
  texts: MediaTexts;
  /** Where Livedesk answers: relative addresses in events are the server's, not the host page's. */
  baseUrl: string;
  /** A new signed address (`GET /api/media/{id}/url`). */
  freshUrl: (mediaId: string, variant: MediaVariant) => Promise<string>;
  /**
   * Shows a picture full size (web/shared/media-lightbox.ts); `from` gets the focus back; `renew` gives a
   * new address should this one have expired.
   */
  openImage: (url: string, label: string, from: HTMLElement, renew: () => Promise<string>) => void;
}

/**
 * A media message's body: a thumbnail that opens the picture, a bare sticker, a voice clip player with
 * what was heard under it, or a download link. Addresses that expired are asked for again, once.
 */
export function mediaBody(media: MediaMessageView, options: MediaViewOptions): HTMLElement {
  const { texts } = options;
  const absolute = (url: string | undefined) =>
    url === undefined ? undefined : mediaAddress(url, options.baseUrl);
  /** The addresses in hand and when each was had: the event's first, a new one once that one is old. */
  const known: Record<MediaVariant, { url: string | undefined; at: number }> = {
    full: { url: absolute(media.url), at: Date.now() },
    thumb: { url: absolute(media.thumbUrl ?? media.url), at: Date.now() },
  };
  const isFresh = (variant: MediaVariant) =>
    known[variant].url !== undefined && Date.now() - known[variant].at < ADDRESS_FRESH_MS;
  const address = async (variant: MediaVariant): Promise<string> => {
    const current = known[variant].url;
    if (current !== undefined && isFresh(variant)) return current;
    const url = await options.freshUrl(media.mediaId, variant);
    known[variant] = { url, at: Date.now() };
    return url;
  };
  /** An element whose address failed (expired while the page sat open) tries a new one, once. */
  const reloadOnError = (element: HTMLImageElement | HTMLAudioElement, variant: MediaVariant) => {
    let retried = false;
    element.addEventListener('error', () => {
      if (retried) return;
      retried = true;
      known[variant].at = 0;
      void address(variant).then(
        (url) => (element.src = url),
        () => undefined,
      );
    });
  };
  const picture = (className: string, label: string) => {
    const image = h('img', { className, attributes: { alt: label, loading: 'lazy' } });
    if (media.width && media.height) {
      image.width = media.width;
      image.height = media.height;
    }
    reloadOnError(image, 'thumb');
    void address('thumb').then(
      (url) => (image.src = url),
      () => undefined,
    );
    return image;
  };
  const box = h('div', { className: `media media-${media.kind}` });
  box.dataset.mediaId = media.mediaId;
  box.dataset.messageId = media.messageId;
  box.dataset.kind = media.kind;
  switch (media.kind) {
    case 'image': {
      const open = h('button', {
        className: 'media-thumb',
        attributes: { type: 'button', 'aria-label': texts.open },
        title: texts.open,
      });
      open.append(picture('media-picture', media.name ?? texts.image));
      open.addEventListener('click', () => {
        void address('full').then((url) =>
          options.openImage(url, media.name ?? texts.image, open, () => {
            known.full.at = 0;
            return address('full');
          }),
        );
      });
      box.append(open);
      return box;
    }
    case 'sticker':
      box.append(picture('media-sticker-image', texts.sticker));
      return box;
    case 'voice': {
      const audio = h('audio', {
        className: 'media-audio',
        attributes: { controls: '', preload: 'metadata' },
      });
      audio.setAttribute('aria-label', texts.voice);
      reloadOnError(audio, 'full');
      void address('full').then(
        (url) => (audio.src = url),
        () => undefined,
      );
      box.append(
        h('span', {
          className: 'media-label',
          text: media.durationMs ? `${texts.voice} ${formatClock(media.durationMs)}` : texts.voice,
        }),
        audio,
      );
      if (media.transcript) addTranscript(box, media.transcript, texts);
      return box;
    }
    case 'file': {
      const name = media.name ?? texts.file;
      const link = h('a', {
        className: 'media-file-link',
        text: `${name} · ${formatBytes(media.bytes)}`,
        attributes: { href: known.full.url ?? '#', download: name, rel: 'noopener', target: '_blank' },
        title: texts.download,
      });
      link.addEventListener('click', (event) => {
        if (isFresh('full')) return;
        event.preventDefault();
        void address('full').then((url) => {
          link.href = url;
          link.click();
        });
      });
      box.append(link);
      return box;
    }
  }
}

/** What was heard in a clip, under its player (once: a second transcript replaces the first). */
export function addTranscript(box: Element, text: string, texts: Pick<MediaTexts, 'transcript'>): void {
  box.querySelector('.media-transcript')?.remove();
  box.append(
    h('p', { className: 'media-transcript' }, [
      h('span', { className: 'media-transcript-label', text: `${texts.transcript}: ` }),
      text,
    ]),
  );
}

import type { ConsoleTexts } from './console-texts.js';

const MINUTE_MS = 60_000;
const HOUR_MINUTES = 60;
const DAY_MINUTES = 24 * 60;

/** `3 h 20 min`, `2 d 4 h`, `1 min`: a due time far enough away that seconds do not matter (whole minutes, rounded up). */
export function formatDuration(milliseconds: number, texts: Pick<ConsoleTexts, 'duration'>): string {
  const totalMinutes = Math.ceil(Math.abs(milliseconds) / MINUTE_MS);
  const days = Math.floor(totalMinutes / DAY_MINUTES);
  const hours = Math.floor((totalMinutes % DAY_MINUTES) / HOUR_MINUTES);
  return texts.duration(days, hours, days > 0 ? 0 : totalMinutes % HOUR_MINUTES);
}

/** `0:42`, `12:05`, `1:02:09`: a deadline minutes away, counted down to the second (sign dropped). */
export function formatCountdown(milliseconds: number): string {
  const totalSeconds = Math.ceil(Math.abs(milliseconds) / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = String(totalSeconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** `14:03` in the reader's time zone, written the way the UI language writes it. */
export function formatClockTime(iso: string, texts: Pick<ConsoleTexts, 'dateLocale'>): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleTimeString(texts.dateLocale, { hour: '2-digit', minute: '2-digit' });
}

/** `6/1 14:03` or `1 Jun, 14:03`: a moment that may be on another day. */
export function formatDateTime(iso: string, texts: Pick<ConsoleTexts, 'dateLocale'>): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleString(texts.dateLocale, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/**
 * A short label for a viewer without a display name: the last four letters or digits of the id
 * (`viewer-…-9f3c` → `9f3c`), enough to tell two anonymous viewers apart in a list.
 */
export function viewerCode(viewerId: string): string {
  const letters = viewerId.replace(/[^\p{L}\p{N}]/gu, '');
  return letters.slice(-4) || viewerId.slice(-4);
}

/** What to call a viewer: the display name the desk sends, else the packet's, else a short label. */
export function viewerTitle(
  viewer: {
    viewerId: string;
    displayName?: string | undefined;
    viewerName?: string | undefined;
    /** `displayName` is the viewer's own choice, not the platform's: it is shown as such. */
    selfNamed?: boolean | undefined;
  },
  texts: Pick<ConsoleTexts, 'viewerFallback' | 'selfNamed'>,
): string {
  // The desk sends the viewer id as `viewerName` when it knows no name: that is not a name.
  const named = [viewer.displayName, viewer.viewerName].find(
    (name) => name !== undefined && name.trim() !== '' && name !== viewer.viewerId,
  );
  if (named === undefined) return texts.viewerFallback(viewerCode(viewer.viewerId));
  return viewer.selfNamed === true ? texts.selfNamed(named) : named;
}

/** `0:42`, `3:05`, `1:02:09`: a wait as a ticking clock. */
export function formatClock(milliseconds: number): string {
  const totalSeconds = Math.max(0, Math.floor(milliseconds / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = String(totalSeconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** A rough estimate in whole minutes, never below one: estimates are not promises to the second. */
export function roundedMinutes(milliseconds: number): number {
  return Math.max(1, Math.round(milliseconds / 60_000));
}

/** `14:03` in the reader's own time zone, written the way the page's language writes times. */
export function formatTime(iso: string, locale?: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? ''
    : date.toLocaleTimeString(locale ?? [], { hour: '2-digit', minute: '2-digit' });
}

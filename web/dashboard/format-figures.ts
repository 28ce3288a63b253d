/** What the page shows for a figure that has no value yet; it always comes with the reason beside it. */
export const MISSING = '–';

export interface FigureFormat {
  count(value: number): string;
  /** `850 ms`, `4.2 sec`, `3.5 min`, `1.2 hr` (`850毫秒`, `4.2秒`…); null when there is no duration. */
  duration(milliseconds: number | null | undefined): string | null;
  percent(rate: number | null | undefined): string | null;
  /** The average score with two decimals; null without ratings. */
  score(score: number | null | undefined): string | null;
  /** A window as words: `24 hours`, `30 minutes` (`24小时`, `30分钟`). */
  window(milliseconds: number): string;
  /** Monday first, as the API's weekdays are. */
  weekdays: readonly string[];
}

/**
 * Numbers, durations and rates in the page's language, at the precision a reader takes in at a glance.
 * Missing values come back as null so the caller must say why they are missing.
 */
export function formatFigures(locale: string): FigureFormat {
  const count = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const score = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const unit = (name: string, digits: number, display: 'short' | 'long' = 'short') =>
    new Intl.NumberFormat(locale, {
      style: 'unit',
      unit: name,
      unitDisplay: display,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
  const milliseconds = unit('millisecond', 0);
  const seconds = unit('second', 1);
  const minutes = unit('minute', 1);
  const hours = unit('hour', 1);
  const wholeMinutes = unit('minute', 0, 'long');
  const wholeHours = unit('hour', 0, 'long');
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  // 2024-01-01 was a Monday.
  const weekdays = Array.from({ length: 7 }, (_, day) =>
    weekday.format(new Date(Date.UTC(2024, 0, 1 + day, 12))),
  );
  return {
    count: (value) => count.format(value),
    duration(value) {
      if (value === null || value === undefined || !Number.isFinite(value)) return null;
      if (value < 1000) return milliseconds.format(Math.round(value));
      if (value < 60_000) return seconds.format(value / 1000);
      if (value < 3_600_000) return minutes.format(value / 60_000);
      return hours.format(value / 3_600_000);
    },
    percent: (rate) => (rate === null || rate === undefined ? null : percent.format(rate)),
    score: (value) => (value === null || value === undefined ? null : score.format(value)),
    window: (value) =>
      value % 3_600_000 === 0 && value > 0
        ? wholeHours.format(value / 3_600_000)
        : wholeMinutes.format(Math.round(value / 60_000)),
    weekdays,
  };
}

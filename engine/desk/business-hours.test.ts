import { describe, expect, it } from 'vitest';
import { BusinessHoursSchema, isTeamOpen, nextOpening } from './business-hours.js';

// 2026-12-07 is a Monday. Shanghai is UTC+8 all year.
const hours = BusinessHoursSchema.parse({
  timeZone: 'Asia/Shanghai',
  teams: {
    '*': [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '21:00' }],
    finance: [{ days: [1, 2, 3, 4, 5], from: '10:00', to: '18:00' }],
  },
});
const at = (iso: string) => Date.parse(iso);

describe('business hours', () => {
  it('reads opening windows in the desk’s time zone, per team, with a default for the rest', () => {
    expect(isTeamOpen(hours, 'support', at('2026-12-07T01:00:00Z'))).toBe(true); // Mon 09:00 Shanghai
    expect(isTeamOpen(hours, 'support', at('2026-12-07T00:59:00Z'))).toBe(false); // Mon 08:59
    expect(isTeamOpen(hours, 'finance', at('2026-12-07T01:30:00Z'))).toBe(false); // Mon 09:30
    expect(isTeamOpen(hours, 'finance', at('2026-12-07T02:00:00Z'))).toBe(true); // Mon 10:00
    expect(isTeamOpen(hours, 'support', at('2026-12-12T04:00:00Z'))).toBe(false); // Sat noon
  });

  it('is always open without business hours, or for a team with no window and no default', () => {
    expect(isTeamOpen(undefined, 'support', at('2026-12-12T04:00:00Z'))).toBe(true);
    const financeOnly = BusinessHoursSchema.parse({
      teams: { finance: [{ days: [1], from: '09:00', to: '10:00' }] },
    });
    expect(isTeamOpen(financeOnly, 'support', at('2026-12-12T04:00:00Z'))).toBe(true);
  });

  it('finds the next opening: later the same day, or after the weekend', () => {
    expect(nextOpening(hours, 'support', at('2026-12-07T00:10:00Z'))?.toISOString()).toBe(
      '2026-12-07T01:00:00.000Z',
    );
    // Friday 22:00 Shanghai → Monday 09:00.
    expect(nextOpening(hours, 'support', at('2026-12-11T14:00:00Z'))?.toISOString()).toBe(
      '2026-12-14T01:00:00.000Z',
    );
    expect(nextOpening(hours, 'support', at('2026-12-07T03:00:00Z'))).toBeUndefined();
  });

  it('refuses windows that end before they start, unknown time zones and bad clock times', () => {
    const window = { days: [1], from: '18:00', to: '09:00' };
    expect(BusinessHoursSchema.safeParse({ teams: { '*': [window] } }).success).toBe(false);
    expect(
      BusinessHoursSchema.safeParse({
        timeZone: 'Mars/Olympus',
        teams: { '*': [{ days: [1], from: '09:00', to: '10:00' }] },
      }).success,
    ).toBe(false);
    expect(
      BusinessHoursSchema.safeParse({ teams: { '*': [{ days: [7], from: '9:00', to: '10:00' }] } }).success,
    ).toBe(false);
  });
});

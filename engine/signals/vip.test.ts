import { describe, expect, it } from 'vitest';
import { isVip, VipConfigSchema } from './vip.js';

const config = VipConfigSchema.parse({});

describe('VIP tier', () => {
  it('is VIP for a configured tier, whatever its case', () => {
    expect(isVip({ tier: 'vip' }, config)).toBe(true);
    expect(isVip({ tier: 'SVIP' }, config)).toBe(true);
  });

  it('is not VIP for a regular viewer, a blank tier or no profile', () => {
    expect(isVip({ tier: 'regular' }, config)).toBe(false);
    expect(isVip({ tier: ' ' }, config)).toBe(false);
    expect(isVip({}, config)).toBe(false);
    expect(isVip(undefined, config)).toBe(false);
  });

  it('uses the tiers a deployment configures', () => {
    expect(isVip({ tier: 'whale' }, VipConfigSchema.parse({ tiers: ['whale'] }))).toBe(true);
    expect(isVip({ tier: 'vip' }, VipConfigSchema.parse({ tiers: ['whale'] }))).toBe(false);
  });
});

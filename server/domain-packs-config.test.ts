import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('LIVEDESK_DOMAIN_PACKS', () => {
  it('loads every pack with the demo, else the scenario’s, else what it names', () => {
    expect(loadConfig({}).domainPacks).toEqual(['general', 'show', 'commerce', 'social']);
    const commerce = { LIVEDESK_SEED_DEMO: 'false', LIVEDESK_SCENARIO: 'commerce' };
    expect(loadConfig(commerce).domainPacks).toEqual(['general', 'commerce']);
    expect(loadConfig({ LIVEDESK_SEED_DEMO: 'false' }).domainPacks).toEqual(['general', 'show']);
    expect(loadConfig({ ...commerce, LIVEDESK_DOMAIN_PACKS: 'social' }).domainPacks).toEqual(['social']);
    expect(loadConfig({ LIVEDESK_DOMAIN_PACKS: 'none' }).domainPacks).toEqual([]);
  });

  it('refuses an unknown pack in one line that names it', () => {
    expect(() => loadConfig({ LIVEDESK_DOMAIN_PACKS: 'show,shwo' })).toThrow(ConfigError);
    expect(() => loadConfig({ LIVEDESK_DOMAIN_PACKS: 'show,shwo' })).toThrow(
      /^LIVEDESK_DOMAIN_PACKS: unknown domain pack "shwo"; known: general, show, commerce, social, or none$/,
    );
  });
});

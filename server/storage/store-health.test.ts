import { afterEach, describe, expect, it } from 'vitest';
import { createStoreHealth, type StoreHealth } from './store-health.js';

const healths: StoreHealth[] = [];
afterEach(() => {
  for (const health of healths.splice(0)) health.close();
});

async function until(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('createStoreHealth', () => {
  it('is healthy with no probes (one node on SQLite)', () => {
    const health = createStoreHealth({ probes: [] });
    healths.push(health);
    expect(health.healthy).toBe(true);
    expect(health.failing).toEqual([]);
  });

  it('turns unhealthy when a probe fails and healthy again when it answers', async () => {
    let up = true;
    const changes: boolean[] = [];
    const health = createStoreHealth({
      probes: [
        { component: 'database', check: () => (up ? Promise.resolve() : Promise.reject(new Error('down'))) },
      ],
      intervalMs: 20,
      recoveryIntervalMs: 10,
      onChange: (state) => changes.push(state.healthy),
    });
    healths.push(health);
    up = false;
    await until(() => !health.healthy);
    expect(health.failing).toEqual(['database']);
    up = true;
    await until(() => health.healthy);
    expect(changes).toEqual([false, true]);
  });

  it('counts a probe that hangs past its timeout as failed', async () => {
    const health = createStoreHealth({
      probes: [{ component: 'redis', check: () => new Promise<void>(() => undefined) }],
      intervalMs: 10,
      timeoutMs: 30,
    });
    healths.push(health);
    await until(() => !health.healthy);
    expect(health.failing).toEqual(['redis']);
  });

  it('is unhealthy at once on a reported outage, before any probe runs', () => {
    const health = createStoreHealth({
      probes: [{ component: 'database', check: () => Promise.resolve() }],
      intervalMs: 60_000,
    });
    healths.push(health);
    health.reportOutage('database');
    expect(health.healthy).toBe(false);
  });
});

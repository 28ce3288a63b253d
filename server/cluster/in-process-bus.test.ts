import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runBusContract } from '../../test/contracts/bus.contract.js';
import { createInProcessBus } from './in-process-bus.js';

runBusContract('in-process', () => {
  const errors: Error[] = [];
  const bus = createInProcessBus({ onError: (error) => errors.push(error) });
  return Promise.resolve({ nodes: [bus, bus], errors, cleanup: () => bus.close() });
});

describe('createInProcessBus', () => {
  it('delivers after publish returns, never inside it', async () => {
    const bus = createInProcessBus();
    const received: string[] = [];
    await bus.subscribe('c', { schema: z.string(), onMessage: (message) => received.push(message) });

    const published = bus.publish('c', 'hi');

    expect(received).toEqual([]);
    await published;
    await Promise.resolve();
    expect(received).toEqual(['hi']);
  });

  it('is healthy until closed, and refuses to publish after', async () => {
    const bus = createInProcessBus();
    expect(bus.healthy()).toBe(true);

    await bus.close();

    expect(bus.healthy()).toBe(false);
    await expect(bus.publish('c', 'late')).rejects.toThrow(/closed/);
  });
});

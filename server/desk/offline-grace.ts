import type { Scheduler } from '../../engine/conversation/conversation.js';

/**
 * Agents whose last socket closed: they go offline only after `graceMs`, so a page reload or a short
 * network drop does not give all their conversations back. A new socket within the grace cancels it.
 */
export class OfflineGrace {
  private readonly timers = new Map<string, () => void>();
  private readonly graceMs: number;
  private readonly schedule: Scheduler;

  constructor(options: { graceMs: number; schedule: Scheduler }) {
    this.graceMs = options.graceMs;
    this.schedule = options.schedule;
  }

  /** Starts (or restarts) the countdown; `goOffline` runs when it ends. */
  start(agentId: string, goOffline: () => void): void {
    this.cancel(agentId);
    this.timers.set(
      agentId,
      this.schedule(() => {
        this.timers.delete(agentId);
        goOffline();
      }, this.graceMs),
    );
  }

  /** The agent is back: nothing happens. */
  cancel(agentId: string): void {
    this.timers.get(agentId)?.();
    this.timers.delete(agentId);
  }

  isPending(agentId: string): boolean {
    return this.timers.has(agentId);
  }

  close(): void {
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
  }
}

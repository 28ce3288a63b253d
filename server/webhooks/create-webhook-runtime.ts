import type { Logger } from '../logging/logger.js';
import { createWebhookAdmin, type WebhookAdmin } from './webhook-admin.js';
import { createWebhookDispatcher, type WebhookDispatcher } from './webhook-dispatcher.js';
import { createWebhookEmitter, type WebhookOutboxWriter } from './webhook-emitter.js';
import { createWebhookMaintenance } from './webhook-maintenance.js';
import type { WebhookSettings } from './webhook-settings.js';
import type { WebhookStore } from './webhook-store.js';

export interface WebhookRuntime {
  /** Where events go in (contracts.md's `emit`): into the outbox, from any node. */
  emitter: WebhookOutboxWriter;
  /** Delivers the outbox: started by the node that delivers (the process, or the cluster's leader). */
  dispatcher: WebhookDispatcher;
  admin: WebhookAdmin;
  /** Stores what was emitted, then stops delivering (what is pending stays for the next start). */
  close(): Promise<void>;
}

export function createWebhookRuntime(options: {
  store: WebhookStore;
  settings: WebhookSettings;
  clock?: (() => Date) | undefined;
  logger?: Logger | undefined;
}): WebhookRuntime {
  const delivering = createWebhookDispatcher({
    store: options.store,
    settings: options.settings,
    clock: options.clock,
    logger: options.logger,
  });
  // The node that delivers also prunes (webhook-maintenance.ts): started and stopped with the dispatcher.
  const maintenance = createWebhookMaintenance({
    store: options.store,
    settings: options.settings,
    clock: options.clock,
    logger: options.logger,
  });
  const dispatcher: WebhookDispatcher = {
    start() {
      delivering.start();
      maintenance.start();
    },
    wake: () => delivering.wake(),
    async stop() {
      await Promise.all([delivering.stop(), maintenance.stop()]);
    },
    get running() {
      return delivering.running;
    },
  };
  const emitter = createWebhookEmitter({
    store: options.store,
    clock: options.clock,
    logger: options.logger,
    onEnqueued: () => dispatcher.wake(),
  });
  const admin = createWebhookAdmin({
    store: options.store,
    policy: options.settings,
    secretGraceSeconds: options.settings.secretGraceSeconds,
    clock: options.clock,
    onRevived: () => dispatcher.wake(),
  });
  return {
    emitter,
    dispatcher,
    admin,
    async close() {
      await emitter.flush();
      await dispatcher.stop();
    },
  };
}

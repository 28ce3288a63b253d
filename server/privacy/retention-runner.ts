import { randomBytes } from 'node:crypto';
import type { AuditLog } from '../audit/audit-log.js';
import type { Logger } from '../logging/logger.js';
import {
  anonymiseConversation,
  anonymiseTicketBody,
  anonymiseTicketHistoryBody,
  erasedViewerId,
} from './anonymise.js';
import type { PersonalDataStore } from './personal-data-store.js';
import type { RetentionPolicy } from './retention-policy.js';
import type { HeldConversations, ViewerMedia } from './viewer-data-requests.js';

const DAY_MS = 86_400_000;
/** Records handled per store call: a batch is one short transaction, then the event loop breathes. */
const BATCH = 100;

export interface RetentionRun {
  at: string;
  mode: RetentionPolicy['mode'];
  conversations: number;
  tickets: number;
}

export interface RetentionRunnerOptions {
  policy: RetentionPolicy;
  personalData: PersonalDataStore;
  audit: Pick<AuditLog, 'record'>;
  /** Conversations still in memory (a socket on a closed one) are left for a later run. */
  held?: HeldConversations | undefined;
  /** Only the node this returns true on applies the policy (cluster mode: the leader). */
  isResponsible?: (() => boolean) | undefined;
  clock?: (() => Date) | undefined;
  logger: Pick<Logger, 'info' | 'error'>;
  /** The conversations' media (issue 17): erased with them in either mode, files no one shares included. */
  media?: Pick<ViewerMedia, 'erase'> | undefined;
}

export interface RetentionRunner {
  /** Applies the policy now (also what the timer runs); resolves to what went. */
  runOnce(): Promise<RetentionRun>;
  readonly lastRun: RetentionRun | undefined;
  stop(): Promise<void>;
}

/**
 * Applies the retention policy periodically on one node: closed conversations and closed tickets older than
 * their periods are deleted or anonymised, in batches, and every run that touched something is recorded in
 * the audit log with its counts (`privacy.retention.run`).
 */
export function startRetentionRunner(options: RetentionRunnerOptions): RetentionRunner {
  const { policy, personalData, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const controller = new AbortController();
  let running: Promise<RetentionRun> | undefined;
  let lastRun: RetentionRun | undefined;

  const conversations = async (now: Date): Promise<number> => {
    if (policy.conversationsDays === 0) return 0;
    const before = new Date(now.getTime() - policy.conversationsDays * DAY_MS).toISOString();
    const salt = randomBytes(16).toString('hex');
    const seen = new Set<string>();
    let done = 0;
    while (!controller.signal.aborted) {
      // A conversation without an opening event keeps no viewer id to mark it anonymised: seen once, left.
      const found = (await personalData.closedConversationsBefore(before, BATCH)).filter(
        (id) => !seen.has(id),
      );
      if (found.length === 0) break;
      for (const id of found) seen.add(id);
      const ids = found.filter((id) => options.held?.release(id) !== false);
      await options.media?.erase(ids);
      if (policy.mode === 'delete') done += await personalData.deleteConversations(ids);
      else
        for (const id of ids) {
          const replacement = erasedViewerId(`conversation:${id}`, salt);
          done += await personalData.rewriteConversations([id], anonymiseConversation(replacement));
        }
      // Again: an upload on another node may have recorded a file meanwhile, and it checks only that the
      // conversation is still its viewer's (server/media/media-service.ts), which it is no more from here on.
      await options.media?.erase(ids);
      if (found.length < BATCH) break;
    }
    return done;
  };

  const tickets = async (now: Date): Promise<number> => {
    if (policy.ticketsDays === 0) return 0;
    const before = new Date(now.getTime() - policy.ticketsDays * DAY_MS).toISOString();
    const salt = randomBytes(16).toString('hex');
    let done = 0;
    while (!controller.signal.aborted) {
      const ids = await personalData.closedTicketsBefore(before, BATCH);
      if (ids.length === 0) break;
      done +=
        policy.mode === 'delete'
          ? await personalData.deleteTickets(ids)
          : await personalData.rewriteTickets(ids, {
              ticket: (body) => anonymiseTicketBody(body, (viewerId) => erasedViewerId(viewerId, salt)),
              history: anonymiseTicketHistoryBody,
            });
      if (ids.length < BATCH) break;
    }
    return done;
  };

  const runOnce = (): Promise<RetentionRun> => {
    running ??= (async () => {
      try {
        const now = clock();
        const run: RetentionRun = {
          at: now.toISOString(),
          mode: policy.mode,
          conversations: await conversations(now),
          tickets: await tickets(now),
        };
        lastRun = run;
        if (run.conversations + run.tickets > 0) {
          options.audit.record({
            actorId: null,
            actorUsername: null,
            action: 'privacy.retention.run',
            outcome: 'success',
            subject: null,
            details: {
              mode: run.mode,
              conversations: run.conversations,
              tickets: run.tickets,
              conversationsDays: policy.conversationsDays,
              ticketsDays: policy.ticketsDays,
            },
          });
          logger.info({ ...run }, 'retention applied');
        }
        return run;
      } finally {
        running = undefined;
      }
    })();
    return running;
  };

  const enabled = policy.conversationsDays > 0 || policy.ticketsDays > 0;
  const tick = () => {
    if (options.isResponsible && !options.isResponsible()) return;
    runOnce().catch((error: unknown) => {
      if (!controller.signal.aborted)
        logger.error({ error }, 'retention failed; it is tried again at the next interval');
    });
  };
  const timer = enabled ? setInterval(tick, policy.intervalMs) : undefined;
  timer?.unref();
  if (enabled) tick();

  return {
    runOnce,
    get lastRun() {
      return lastRun;
    },
    async stop() {
      clearInterval(timer);
      controller.abort();
      await running?.catch(() => undefined);
    },
  };
}

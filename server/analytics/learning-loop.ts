import { questionKey } from '../../engine/analytics/knowledge-gaps.js';
import { phrasingCandidates } from '../../engine/analytics/phrasing-candidates.js';
import { localizedViews, type Entry } from '../../knowledge/entry.js';
import { LivedeskError, throwIfAborted } from '../../knowledge/errors.js';
import type { CallOptions, EntryVersion, KnowledgeStore } from '../../knowledge/ports.js';
import type { LearningSource } from './learning-source.js';
import type { PhrasingProposal, PhrasingProposalStore, ProposalInput } from './phrasing-proposals.js';

export interface ScanResult {
  /** Knowledge answers read. */
  answers: number;
  /** New proposals made. */
  proposed: number;
  /** The event id the scan read up to. */
  upToEventId: number;
}

export interface LearningLoop {
  /** Reads the events stored since the last scan and records new proposals; one scan at a time. */
  scan(options?: CallOptions): Promise<ScanResult>;
  approve(id: number, actor: string): Promise<{ proposal: PhrasingProposal; version: EntryVersion | null }>;
  reject(id: number, actor: string): Promise<PhrasingProposal>;
  /** Scans every `intervalMs` until `stop()`. */
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

export interface LearningLoopOptions {
  source: LearningSource;
  proposals: PhrasingProposalStore;
  knowledge: KnowledgeStore;
  clock: () => Date;
  /** Knowledge answers read per batch. */
  batchSize?: number;
  onScanError?: (error: unknown) => void;
}

/** The view a wording belongs in: the translation in the viewer's language if the entry has one. */
function viewLocale(entry: Entry, locale: string | null): string {
  if (!locale) return entry.locale;
  const language = locale.split('-')[0];
  const views = localizedViews(entry);
  return (
    views.find((view) => view.locale === locale)?.locale ??
    views.find((view) => view.locale.split('-')[0] === language)?.locale ??
    entry.locale
  );
}

function hasPhrasing(entry: Entry, question: string): boolean {
  const key = questionKey(question);
  return localizedViews(entry).some((view) => view.questions.some((known) => questionKey(known) === key));
}

/** Adds the wording to the entry (in the viewer's language when the entry has it). */
function withPhrasing(entry: Entry, question: string, locale: string | null): Entry {
  const target = viewLocale(entry, locale);
  if (target === entry.locale) return { ...entry, questions: [...entry.questions, question] };
  const translation = entry.translations[target]!;
  return {
    ...entry,
    translations: {
      ...entry.translations,
      [target]: { ...translation, questions: [...translation.questions, question] },
    },
  };
}

/**
 * The learning loop: agents' knowledge answers in escalated conversations become proposed phrasings
 * (engine/analytics/phrasing-candidates.ts says which), deduplicated and never proposing what the entry
 * already says; an editor's approval adds the phrasing through the knowledge store, as a new version.
 */
export function createLearningLoop(options: LearningLoopOptions): LearningLoop {
  const { source, proposals, knowledge, clock } = options;
  const batchSize = options.batchSize ?? 500;
  let scanning: Promise<ScanResult> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const deciding = new Set<number>();

  const scanOnce = async (callOptions: CallOptions): Promise<ScanResult> => {
    let answers = 0;
    let proposed = 0;
    let upTo = await proposals.watermark();
    const entries = new Map<string, Entry | null>();
    for (;;) {
      throwIfAborted(callOptions.signal);
      const batch = await source.knowledgeAnswersSince(upTo, batchSize);
      if (batch.length === 0) break;
      const found: ProposalInput[] = [];
      for (const answer of batch) {
        const events = await source.conversationEvents(answer.conversationId, answer.sequence);
        for (const candidate of phrasingCandidates(answer.conversationId, events)) {
          if (candidate.sequence !== answer.sequence) continue;
          if (!entries.has(candidate.entryId))
            entries.set(candidate.entryId, (await knowledge.get(candidate.entryId)) ?? null);
          const entry = entries.get(candidate.entryId);
          if (!entry || hasPhrasing(entry, candidate.question)) continue;
          found.push({
            entryId: candidate.entryId,
            question: candidate.question,
            questionKey: questionKey(candidate.question),
            locale: candidate.locale,
            conversationId: candidate.conversationId,
            agentId: candidate.agentId,
            at: candidate.at,
          });
        }
      }
      upTo = batch.at(-1)!.eventId;
      proposed += await proposals.record(found, { eventId: upTo, at: clock().toISOString() });
      answers += batch.length;
      if (batch.length < batchSize) break;
    }
    return { answers, proposed, upToEventId: upTo };
  };

  /**
   * Marks the proposal as being decided before reading it, so a second decision arriving while the store is
   * read is refused here; the caller clears the mark. Decisions on other nodes are refused by the store.
   */
  const startDecision = async (id: number): Promise<PhrasingProposal> => {
    if (deciding.has(id))
      throw new LivedeskError('conflict', `phrasing proposal ${id} was already being decided`);
    deciding.add(id);
    try {
      const proposal = await proposals.get(id);
      if (!proposal) throw new LivedeskError('not_found', `no phrasing proposal ${id}`);
      if (proposal.status !== 'pending')
        throw new LivedeskError('conflict', `phrasing proposal ${id} was already ${proposal.status}`);
      return proposal;
    } catch (error) {
      deciding.delete(id);
      throw error;
    }
  };

  const loop: LearningLoop = {
    scan(callOptions = {}) {
      scanning ??= scanOnce(callOptions).finally(() => {
        scanning = undefined;
      });
      return scanning;
    },

    async approve(id, actor) {
      const proposal = await startDecision(id);
      try {
        const entry = await knowledge.get(proposal.entryId);
        if (!entry)
          throw new LivedeskError(
            'conflict',
            `entry ${proposal.entryId} no longer exists; reject the proposal`,
          );
        let version: EntryVersion | null = null;
        if (!hasPhrasing(entry, proposal.question)) {
          const updated = withPhrasing(entry, proposal.question, proposal.locale);
          version = (await knowledge.put(updated, actor)) ?? null;
        }
        const decided = await proposals.decide(id, {
          status: 'approved',
          by: actor,
          at: clock().toISOString(),
          versionId: version?.versionId,
        });
        return { proposal: decided, version };
      } finally {
        deciding.delete(id);
      }
    },

    async reject(id, actor) {
      await startDecision(id);
      try {
        return await proposals.decide(id, { status: 'rejected', by: actor, at: clock().toISOString() });
      } finally {
        deciding.delete(id);
      }
    },

    start(intervalMs) {
      if (timer) return;
      timer = setInterval(() => {
        loop
          .scan()
          .catch(
            options.onScanError ??
              ((error: unknown) => console.error('phrasing proposal scan failed', { error })),
          );
      }, intervalMs);
      timer.unref();
    },

    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await scanning?.catch(() => undefined);
    },
  };
  return loop;
}

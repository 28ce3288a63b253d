import { z } from 'zod';
import type { Signals, SignalsInput } from '../../engine/signals/detect-signals.js';
import type { Entry, MatchContext } from '../../knowledge/entry.js';
import type { MatchDecision } from '../../knowledge/matching/match-decision.js';
import type { MatcherConfig } from '../../knowledge/matching/matcher-config.js';
import type { Synonym } from '../../knowledge/synonym.js';
import type { VectorIndexKind } from './vector-index-factory.js';

/**
 * Messages between the server and a match worker. Both sides are this code base and the payloads were
 * validated when they entered the server (entries, synonyms, configuration), so the envelopes are checked
 * and the payloads passed as they are: structured clones of plain data (Maps and Dates included).
 */
export interface MatchWorkerData {
  vectorIndex: VectorIndexKind;
  matcherConfig: MatcherConfig;
}

const entries = z.custom<Entry[]>((value) => Array.isArray(value));
const entry = z.custom<Entry>((value) => typeof value === 'object' && value !== null);

/** The server to the worker: index changes in commit order, questions, and cancellations. */
export const ToWorkerSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('rebuild'),
    entries,
    synonyms: z.custom<Synonym[]>((value) => Array.isArray(value)),
    glossary: z.custom<ReadonlyMap<string, readonly string[]>>((value) => value instanceof Map).optional(),
  }),
  z.object({ type: z.literal('upsert'), entry }),
  z.object({ type: z.literal('remove'), entryId: z.string() }),
  z.object({
    type: z.literal('config'),
    config: z.custom<MatcherConfig>((value) => typeof value === 'object'),
  }),
  z.object({
    type: z.literal('match'),
    id: z.number().int(),
    text: z.string(),
    context: z.custom<MatchContext>((value) => typeof value === 'object' && value !== null).optional(),
  }),
  z.object({ type: z.literal('cancel'), id: z.number().int() }),
  /** The active signal model as stored (null: none): the signals read after it use it. */
  z.object({ type: z.literal('signal-model'), modelText: z.string().nullable() }),
  /** One turn's signals, read with the knowledge base's language support as of the first rebuild. */
  z.object({
    type: z.literal('signals'),
    id: z.number().int(),
    input: z.custom<SignalsInput>((value) => typeof value === 'object' && value !== null),
  }),
]);
export type ToWorker = z.infer<typeof ToWorkerSchema>;

/** The worker to the server. */
export const FromWorkerSchema = z.discriminatedUnion('type', [
  /** The index is built from the snapshot it was sent first: it may be asked from now on. */
  z.object({ type: z.literal('ready') }),
  z.object({
    type: z.literal('matched'),
    id: z.number().int(),
    decision: z.custom<MatchDecision>((value) => typeof value === 'object' && value !== null),
  }),
  z.object({
    type: z.literal('signals-read'),
    id: z.number().int(),
    signals: z.custom<Signals>((value) => typeof value === 'object' && value !== null),
  }),
  z.object({ type: z.literal('failed'), id: z.number().int(), message: z.string() }),
  z.object({ type: z.literal('cancelled'), id: z.number().int() }),
  /** An index change failed in the worker: its copy may differ from the server's, so it is replaced. */
  z.object({ type: z.literal('index-failed'), message: z.string() }),
]);
export type FromWorker = z.infer<typeof FromWorkerSchema>;

import * as z from 'zod/mini';
import type { ApiClient } from '../shared/api-client.js';

// The shapes of /api/signals/* (server/http/signal-model-routes.ts, signal-training-routes.ts) this page reads.

const FiguresSchema = z.object({ precision: z.number(), recall: z.number(), f1: z.number() });

const ClassifierSchema = z.object({
  threshold: z.number(),
  combine: z.enum(['replace', 'union']),
  training: z.object({
    examples: z.number(),
    positives: z.number(),
    heldOut: z.object({
      source: z.enum(['dev', 'cross-validation']),
      precision: z.number(),
      recall: z.number(),
      f1: z.number(),
      listsF1: z.optional(z.number()),
    }),
  }),
});
export type ClassifierView = z.infer<typeof ClassifierSchema>;

const TestSplitSchema = z.object({
  source: z.string(),
  cases: z.number(),
  signals: z.record(
    z.string(),
    z.object({ positives: z.number(), examples: z.number(), model: FiguresSchema, lists: FiguresSchema }),
  ),
});

export const VersionSchema = z.object({
  version: z.number(),
  origin: z.enum(['trained', 'uploaded', 'environment']),
  createdBy: z.string(),
  createdAt: z.string(),
  sources: z.array(z.string()),
  modelCreatedAt: z.string(),
  classifiers: z.record(z.string(), ClassifierSchema),
  testSplit: z.nullable(TestSplitSchema),
});
export type VersionView = z.infer<typeof VersionSchema>;

const ChoiceSchema = z.object({
  version: z.nullable(z.number()),
  chosenBy: z.string(),
  chosenAt: z.string(),
});
export type ChoiceView = z.infer<typeof ChoiceSchema>;

export const ListingSchema = z.object({
  choice: z.nullable(ChoiceSchema),
  activeVersion: z.nullable(z.number()),
  versions: z.array(VersionSchema),
});
export type ListingView = z.infer<typeof ListingSchema>;

const TallySchema = z.object({ positives: z.number(), negatives: z.number() });
export const CountsSchema = z.object({
  suite: z.object({ file: z.string(), lines: z.number() }),
  desk: z.object({ labels: z.number(), marked: z.number() }),
  minPositives: z.number(),
  signals: z.array(
    z.object({ signal: z.string(), suite: TallySchema, desk: TallySchema, enough: z.boolean() }),
  ),
});
export type CountsView = z.infer<typeof CountsSchema>;

export const JobSchema = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed', 'cancelled']),
  phase: z.nullable(z.enum(['reading', 'training', 'measuring'])),
  progress: z.object({ done: z.number(), total: z.number() }),
  signal: z.nullable(z.string()),
  problems: z.array(z.string()),
  error: z.nullable(z.string()),
  version: z.nullable(z.number()),
});
export type JobView = z.infer<typeof JobSchema>;

const JobResponseSchema = z.object({ job: JobSchema });
const UploadedSchema = z.object({ version: VersionSchema, created: z.boolean() });

/** The admin's calls for the signals tab. */
export function signalsApi(api: ApiClient) {
  return {
    listing: () => api.request('GET', '/api/signals/models', ListingSchema),
    counts: () => api.request('GET', '/api/signals/labels', CountsSchema),
    startTraining: (signals: string[]) =>
      api.request('POST', '/api/signals/training', JobResponseSchema, { body: { json: { signals } } }),
    job: (id: string) => api.request('GET', `/api/signals/training/${encodeURIComponent(id)}`, JobSchema),
    cancel: (id: string) =>
      api.request('DELETE', `/api/signals/training/${encodeURIComponent(id)}`, JobResponseSchema),
    upload: (text: string, name: string) =>
      api.request('POST', `/api/signals/models?name=${encodeURIComponent(name)}`, UploadedSchema, {
        body: { text, contentType: 'application/json' },
      }),
    activate: (version: number | null) =>
      api.request('PUT', '/api/signals/active-model', z.object({ choice: ChoiceSchema }), {
        body: { json: { version } },
      }),
  };
}
export type SignalsApi = ReturnType<typeof signalsApi>;

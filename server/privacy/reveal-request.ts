import { z } from 'zod';
import { PiiFieldSchema } from './mask-for-staff.js';

/** Why a staff member reveals a masked field: a short list, and free text (required for `other`). */
export const RevealReasonSchema = z.enum([
  'verify-identity',
  'contact-viewer',
  'delivery',
  'refund-or-payment',
  'safety-or-legal',
  'other',
]);
export type RevealReason = z.infer<typeof RevealReasonSchema>;

export const RevealRequestSchema = z
  .strictObject({
    /** The stored event's sequence (the `sequence` of its `event` frame or detail row). */
    sequence: z.number().int().positive(),
    field: PiiFieldSchema,
    /** Which masked span of that field: the `index` of its `pii` entry. */
    index: z.number().int().min(0).max(100),
    reason: RevealReasonSchema,
    note: z.string().trim().max(500).default(''),
  })
  .refine((request) => request.reason !== 'other' || request.note.length >= 3, {
    message: 'say why in the note (at least 3 characters) when the reason is "other"',
    path: ['note'],
  });
export type RevealRequest = z.infer<typeof RevealRequestSchema>;

export const RevealResponseSchema = z.object({
  kind: z.string(),
  /** The original text of that one span, nothing around it. */
  value: z.string(),
});

export const SensitiveRequestSchema = z.strictObject({
  sensitive: z.boolean(),
  note: z.string().trim().max(500).default(''),
});

export const SensitiveStateSchema = z.object({
  conversationId: z.string(),
  sensitive: z.boolean(),
  markedBy: z.string().optional(),
  markedAt: z.string().optional(),
  note: z.string().optional(),
});

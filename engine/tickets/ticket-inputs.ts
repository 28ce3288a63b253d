import { z } from 'zod';
import {
  DepartmentSchema,
  StaffUserIdSchema,
  TicketDescriptionSchema,
  TicketPrioritySchema,
  TicketStatusSchema,
  TicketTagsSchema,
  TicketTitleSchema,
  TicketViewerSchema,
} from './ticket.js';

const NoteSchema = z.string().trim().min(1, 'note may not be empty').max(2000);
const ConversationIdSchema = z.string().trim().min(1).max(128);

/** A ticket made by hand. Department defaults to the configured default, priority to normal. */
export const CreateTicketInputSchema = z
  .object({
    title: TicketTitleSchema,
    description: TicketDescriptionSchema.default(''),
    department: DepartmentSchema.optional(),
    priority: TicketPrioritySchema.default('normal'),
    assigneeId: StaffUserIdSchema.nullable().default(null),
    tags: TicketTagsSchema.default([]),
    viewer: TicketViewerSchema.optional(),
    roomId: z.string().trim().min(1).max(128).optional(),
    /** Links the ticket to a conversation (transcript links are added). */
    conversationId: ConversationIdSchema.optional(),
    /** The shop order the matter is about. */
    orderId: z.string().trim().min(1).max(128).optional(),
  })
  .strict();
export type CreateTicketInput = z.infer<typeof CreateTicketInputSchema>;

/** A ticket made from a conversation: everything is prefilled, and any field given here wins. */
export const ConversationTicketInputSchema = z
  .object({
    title: TicketTitleSchema.optional(),
    description: TicketDescriptionSchema.optional(),
    department: DepartmentSchema.optional(),
    priority: TicketPrioritySchema.optional(),
    assigneeId: StaffUserIdSchema.nullable().optional(),
    tags: TicketTagsSchema.optional(),
    orderId: z.string().trim().min(1).max(128).optional(),
  })
  .strict();
export type ConversationTicketInput = z.infer<typeof ConversationTicketInputSchema>;

/**
 * A change to some fields. `expectedVersion` is the version the caller last read: a different stored
 * version means someone else changed the ticket meanwhile (409). `note` is kept with every history row
 * of the change and is required when the department changes (a cross-department handover).
 */
export const UpdateTicketInputSchema = z
  .object({
    expectedVersion: z.number().int().min(1),
    title: TicketTitleSchema.optional(),
    description: TicketDescriptionSchema.optional(),
    status: TicketStatusSchema.optional(),
    department: DepartmentSchema.optional(),
    priority: TicketPrioritySchema.optional(),
    assigneeId: StaffUserIdSchema.nullable().optional(),
    tags: TicketTagsSchema.optional(),
    note: NoteSchema.optional(),
  })
  .strict()
  .refine(
    (input) =>
      (['title', 'description', 'status', 'department', 'priority', 'assigneeId', 'tags'] as const).some(
        (field) => input[field] !== undefined,
      ),
    { message: 'name at least one field to change' },
  );
export type UpdateTicketInput = z.infer<typeof UpdateTicketInputSchema>;

export const TicketCommentInputSchema = z.object({ comment: NoteSchema }).strict();
export type TicketCommentInput = z.infer<typeof TicketCommentInputSchema>;

export const DEFAULT_TICKET_PAGE_SIZE = 50;
export const MAX_TICKET_PAGE_SIZE = 200;

/** Filters for listing tickets; `assigneeId=none` lists the unassigned ones. Newest first. Other parameters are ignored. */
export const TicketListQuerySchema = z.object({
  status: TicketStatusSchema.optional(),
  department: DepartmentSchema.optional(),
  priority: TicketPrioritySchema.optional(),
  assigneeId: StaffUserIdSchema.optional(),
  conversationId: ConversationIdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_TICKET_PAGE_SIZE).default(DEFAULT_TICKET_PAGE_SIZE),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type TicketListQuery = z.infer<typeof TicketListQuerySchema>;

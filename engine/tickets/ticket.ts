import { z } from 'zod';

export const TicketStatusSchema = z.enum(['open', 'pending', 'resolved', 'closed']);
export type TicketStatus = z.infer<typeof TicketStatusSchema>;

export const TicketPrioritySchema = z.enum(['low', 'normal', 'high', 'urgent']);
export type TicketPriority = z.infer<typeof TicketPrioritySchema>;

/** A department id: lower-case slug, checked against the stored departments by the ticket service. */
export const DepartmentSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,31}$/, 'department: a lower-case name like "finance" (1-32 characters)');
export type Department = z.infer<typeof DepartmentSchema>;

export const TicketIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'ticket id: 1-64 letters, digits, - or _');
export const StaffUserIdSchema = z.string().trim().min(1).max(128);
export const TicketTagsSchema = z.array(z.string().trim().min(1).max(64)).max(32);
export const TicketTitleSchema = z.string().trim().min(1, 'title may not be empty').max(200);
export const TicketDescriptionSchema = z.string().trim().max(10_000);

/** The viewer a ticket is about, copied from the conversation when it was made from one. */
export const TicketViewerSchema = z.object({
  viewerId: z.string().min(1).max(128),
  displayName: z.string().max(128).optional(),
  tier: z.enum(['regular', 'vip']).optional(),
  locale: z.string().max(35).optional(),
});
export type TicketViewer = z.infer<typeof TicketViewerSchema>;

export const TicketSchema = z.object({
  id: TicketIdSchema,
  /** Bumped by every change to the ticket's fields; `expectedVersion` on updates must match it. */
  version: z.number().int().min(1),
  title: TicketTitleSchema,
  description: TicketDescriptionSchema,
  status: TicketStatusSchema,
  department: DepartmentSchema,
  priority: TicketPrioritySchema,
  assigneeId: StaffUserIdSchema.nullable(),
  tags: TicketTagsSchema,
  viewer: TicketViewerSchema.optional(),
  roomId: z.string().max(128).optional(),
  conversationId: z.string().max(128).optional(),
  /** The shop order the matter is about (commerce tools, issue 15). */
  orderId: z.string().max(128).optional(),
  /** Where the conversation can be read: the console page and the API. */
  links: z.object({ transcript: z.string(), api: z.string() }).optional(),
  /**
   * When the department should have answered: its response time for the priority, from when it got the
   * ticket (set again when the department or the priority changes). Absent on tickets made before
   * departments had response times.
   */
  dueAt: z.string().optional(),
  createdAt: z.string(),
  createdBy: StaffUserIdSchema,
  updatedAt: z.string(),
});
export type Ticket = z.infer<typeof TicketSchema>;

/** Fields whose changes are recorded one history row each. */
export const TicketFieldSchema = z.enum([
  'title',
  'description',
  'status',
  'department',
  'priority',
  'assigneeId',
  'tags',
]);
export type TicketField = z.infer<typeof TicketFieldSchema>;

/**
 * One recorded change. `field` is a ticket field, `created` (the ticket was made; `after` holds its first
 * fields) or `comment` (nothing changed but the comment). `before`/`after` are the field's JSON values.
 */
export const TicketHistoryEntrySchema = z.object({
  ticketId: TicketIdSchema,
  at: z.string(),
  actorId: StaffUserIdSchema,
  actorName: z.string().max(128).optional(),
  field: z.union([TicketFieldSchema, z.enum(['created', 'comment'])]),
  before: z.unknown(),
  after: z.unknown(),
  comment: z.string().optional(),
});
export type TicketHistoryEntry = z.infer<typeof TicketHistoryEntrySchema>;

/** Who is changing a ticket, as the ticket workflow needs to know them. */
export interface TicketActor {
  userId: string;
  name?: string | undefined;
  /** Supervisors (and admins) may reopen a closed ticket. */
  supervisor: boolean;
}

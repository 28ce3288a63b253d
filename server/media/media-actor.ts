import type { StaffRole } from '../auth/principal.js';

/** Who is uploading or asking for a link: a viewer (their own conversations) or a staff member. */
export type MediaActor =
  { kind: 'viewer'; viewerId: string } | { kind: 'staff'; userId: string; role: StaffRole };

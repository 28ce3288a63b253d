import { z } from 'zod';

/**
 * Staff roles. A supervisor can do what an agent does, plus watch and move any conversation; an editor
 * curates knowledge and runs evals; an admin can do everything, including managing accounts. A moderator
 * (field control, issue 16) watches live rooms' danmaku and acts on room alerts, and sees nothing else.
 */
export const StaffRoleSchema = z.enum(['agent', 'supervisor', 'editor', 'admin', 'moderator']);
export type StaffRole = z.infer<typeof StaffRoleSchema>;

/** Who is calling, as proven by a signed token. */
export type Principal =
  | {
      kind: 'staff';
      userId: string;
      /** Display name, for people. */
      name: string;
      role: StaffRole;
      /** Login name, for audit trails (knowledge versions); set by `Auth.verify`. */
      username?: string;
      /** The account's token version the token was issued under (see `Auth.current`); set by `Auth.verify`. */
      tokenVersion?: number;
      /** How long the token stays valid from now, by the server's clock; set by `Auth.verify`. */
      expiresInMs?: number;
    }
  /** An anonymous viewer, bound to one room (and the viewer id the token was issued for). */
  | {
      kind: 'viewer';
      viewerId: string;
      roomId: string;
      tier: 'regular' | 'vip';
      /** What the platform or the viewer asked to be called, when given. */
      displayName?: string;
      /** `displayName` is the viewer's own choice (an anonymous session), shown to agents as such. */
      selfNamed?: boolean;
      locale?: string;
      /** The platform vouched for this viewer with a signed identity (issue 15); `viewerId` is `pu:<platformId>:<userId>`. */
      verified?:
        | {
            platformId: string;
            userId: string;
            vipLevel?: number;
            attributes?: Record<string, string | number | boolean>;
          }
        | undefined;
    };

/** Roles that include `role`'s rights. */
const GRANTED_BY: Record<StaffRole, readonly StaffRole[]> = {
  agent: ['agent', 'supervisor', 'admin'],
  supervisor: ['supervisor', 'admin'],
  editor: ['editor', 'admin'],
  admin: ['admin'],
  moderator: ['moderator', 'supervisor', 'admin'],
};

/** Whether a staff member with `held` may do what needs any of `needed`. */
export function roleAllows(held: StaffRole, needed: readonly StaffRole[]): boolean {
  return needed.some((role) => GRANTED_BY[role].includes(held));
}

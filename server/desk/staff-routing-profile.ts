import { roleAllows, type Principal } from '../auth/principal.js';
import type { StaffUserStore } from '../auth/staff-user-store.js';
import type { RoutingProfile } from './desk-service.js';

/**
 * Routing profiles from the staff accounts: agents and supervisors take conversations (supervisors are
 * always in the supervisor team, so escalations reach them); admins and editors do not.
 */
export function staffRoutingProfile(
  users: Pick<StaffUserStore, 'get'>,
  supervisorTeam: string,
): (principal: Extract<Principal, { kind: 'staff' }>) => RoutingProfile | undefined {
  return (principal) => {
    if (principal.role !== 'agent' && principal.role !== 'supervisor') return undefined;
    const user = users.get(principal.userId);
    if (!user || user.disabled) return undefined;
    const teams = roleAllows(principal.role, ['supervisor'])
      ? [...new Set([...user.teams, supervisorTeam])]
      : user.teams;
    return { name: user.name, capacity: user.capacity, skills: user.skills, teams };
  };
}

import { randomUUID } from 'node:crypto';
import { LivedeskError } from '../../knowledge/errors.js';
import { DEFAULT_SCRYPT_PARAMS, hashPassword, type ScryptParams } from './password-hash.js';
import { newStaffRecord, type NewStaffUser } from './staff-accounts.js';
import type { StaffUserStore } from './staff-user-store.js';

export const DEFAULT_DEMO_PASSWORD = 'livedesk-demo';

type AccountFields = Omit<NewStaffUser, 'password'>;

const DEMO_ACCOUNTS: readonly AccountFields[] = [
  {
    username: 'agent',
    name: 'Ada Agent',
    role: 'agent',
    // The teams the escalation presets hand to (engine/policy/escalation-policy-config.ts), so the demo
    // agent is offered what the demo viewers escalate: requests for a person, VIPs, orders, and the gift
    // and top-up disputes a person must settle (the dispute policy's `finance` team). Complaints
    // and anger go to the supervisor, as the README says; to Ada only when no supervisor comes online
    // in time (the desk's team overflow).
    skills: ['payments', 'finance'],
    teams: ['support', 'vip-care', 'orders', 'finance'],
    capacity: 3,
    disabled: false,
  },
  {
    username: 'agent2',
    name: 'Ben Agent',
    role: 'agent',
    skills: ['payments', 'technical'],
    teams: ['support', 'orders', 'trust-safety'],
    capacity: 3,
    disabled: false,
  },
  {
    username: 'supervisor',
    name: 'Sam Supervisor',
    role: 'supervisor',
    skills: ['payments', 'finance'],
    teams: ['supervisor', 'complaints', 'support', 'trust-safety'],
    capacity: 5,
    disabled: false,
  },
  {
    username: 'editor',
    name: 'Eve Editor',
    role: 'editor',
    skills: [],
    teams: ['content'],
    capacity: 0,
    disabled: false,
  },
  {
    username: 'moderator',
    name: 'Mia Moderator',
    role: 'moderator',
    skills: [],
    teams: ['field-control'],
    capacity: 0,
    disabled: false,
  },
  {
    username: 'admin',
    name: 'Administrator',
    role: 'admin',
    skills: [],
    teams: [],
    capacity: 0,
    disabled: false,
  },
];

const ADMIN_ACCOUNT = DEMO_ACCOUNTS.find((account) => account.username === 'admin')!;

export interface SeedStaffAccountsOptions {
  users: StaffUserStore;
  seedDemo: boolean;
  demoPassword: string;
  /** Creates `admin` when not seeding and there is no account at all. */
  adminPassword?: string | undefined;
  clock?: () => Date;
  newId?: () => string;
  passwordParams?: ScryptParams;
  log?: (message: string, fields: Record<string, unknown>) => void;
}

/**
 * First-start accounts in an empty table: the demo team (agent, agent2, supervisor, editor, admin) or a
 * lone admin. Returns the usernames created; does nothing once any account exists.
 */
export async function seedStaffAccounts(options: SeedStaffAccountsOptions): Promise<string[]> {
  const { users } = options;
  if (users.list().length > 0) return [];
  const accounts = options.seedDemo ? DEMO_ACCOUNTS : options.adminPassword ? [ADMIN_ACCOUNT] : [];
  if (accounts.length === 0) return [];
  const password = options.seedDemo ? options.demoPassword : options.adminPassword!;
  // One hash for all demo accounts: they share one password by design, so one salt hides nothing less,
  // and startup pays for a single slow hash instead of five.
  const passwordHash = await hashPassword(password, options.passwordParams ?? DEFAULT_SCRYPT_PARAMS);
  const at = (options.clock ?? (() => new Date()))().toISOString();
  const newId = options.newId ?? (() => randomUUID());
  const created: string[] = [];
  for (const account of accounts) {
    try {
      await users.create(newStaffRecord(account, passwordHash, { id: newId(), at }));
      created.push(account.username);
    } catch (error) {
      // Another process sharing the file seeded it first.
      if (!(error instanceof LivedeskError && error.code === 'conflict')) throw error;
    }
  }
  const log = options.log ?? ((message, fields) => console.log(message, fields));
  if (created.length > 0) {
    log('staff accounts created', {
      usernames: created,
      // The demo default is public anyway; any other password stays out of logs.
      password: options.seedDemo && password === DEFAULT_DEMO_PASSWORD ? password : '(from the environment)',
    });
  }
  return created;
}

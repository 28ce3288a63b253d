import type { Database } from 'better-sqlite3';
import { createSqliteAuditLog } from '../../adapters/sqlite/audit-log-store.js';
import { createSqliteStaffUserStore } from '../../adapters/sqlite/staff-user-store.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { LivedeskConfig } from '../config.js';
import { createAccountChanges, type AccountChanges } from './account-changes.js';
import { createAuth, type Auth } from './auth.js';
import type { ScryptParams } from './password-hash.js';
import { seedStaffAccounts } from './seed-staff-accounts.js';
import { createStaffAccounts, type StaffAccounts } from './staff-accounts.js';
import type { StaffUserStore } from './staff-user-store.js';
import { loadTokenSecret } from './token-secret.js';

/** Where accounts and the audit trail are kept: the configured stores, or (tests, tools) a SQLite file. */
export type AuthStorage =
  | { stores: { users: StaffUserStore; audit: AuditLog }; database?: undefined }
  | { /** The Livedesk SQLite file, already migrated. */ database: Database; stores?: undefined };

export type AuthRuntimeOptions = AuthStorage & {
  config: Pick<LivedeskConfig, 'auth' | 'dataDir' | 'seedDemo'>;
  clock?: (() => Date) | undefined;
  /** Tests lower the hashing cost; production keeps the default. */
  passwordParams?: ScryptParams | undefined;
  log?: ((message: string, fields: Record<string, unknown>) => void) | undefined;
};

export interface AuthRuntime {
  auth: Auth;
  accounts: StaffAccounts;
  users: StaffUserStore;
  /** Revocations and role changes, for the open agent sockets to follow. */
  changes: AccountChanges;
  /** Staff actions: sign-ins, account changes, knowledge edits, reveals, exports (served at /api/audit). */
  audit: AuditLog;
}

const optionalSecret = (text: string | undefined) =>
  text === undefined ? undefined : Buffer.from(text, 'utf8');

/** Staff accounts, the token secret, first-start accounts, and the Auth built on them. */
export async function createAuthRuntime(options: AuthRuntimeOptions): Promise<AuthRuntime> {
  const { config } = options;
  const users = options.stores ? options.stores.users : createSqliteStaffUserStore(options.database);
  const shared = {
    users,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.passwordParams ? { passwordParams: options.passwordParams } : {}),
  };
  await seedStaffAccounts({
    ...shared,
    seedDemo: config.seedDemo,
    demoPassword: config.auth.demoPassword,
    adminPassword: config.auth.adminPassword,
    ...(options.log ? { log: options.log } : {}),
  });
  const secret = await loadTokenSecret({ configured: config.auth.secret, dataDir: config.dataDir });
  const auth = createAuth({
    ...shared,
    secrets: {
      current: secret,
      previous: optionalSecret(config.auth.previousSecret),
      viewer: optionalSecret(config.auth.viewerSecret),
      previousViewer: optionalSecret(config.auth.previousViewerSecret),
    },
    staffTokenTtlSeconds: config.auth.staffTokenTtlSeconds,
    viewerTokenTtlSeconds: config.auth.viewerTokenTtlSeconds,
  });
  const changes = createAccountChanges();
  const audit = options.stores
    ? options.stores.audit
    : createSqliteAuditLog(options.database, { clock: options.clock });
  return { auth, accounts: createStaffAccounts({ ...shared, changes }), users, changes, audit };
}

import * as z from 'zod/mini';
import type { StaffRole } from '../../server/auth/principal.js';
import { ApiError, describeError, type ApiClient } from './api-client.js';
import { byId, formText } from './dom.js';

const STAFF_ROLES = [
  'agent',
  'supervisor',
  'editor',
  'admin',
  'moderator',
] as const satisfies readonly StaffRole[];

export const StaffUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: z.enum(STAFF_ROLES),
  skills: z._default(z.array(z.string()), []),
  teams: z._default(z.array(z.string()), []),
  capacity: z.optional(z.number()),
});
export type StaffUser = z.infer<typeof StaffUserSchema>;

/** `POST /api/auth/login`'s answer, kept in localStorage so a reload stays logged in. */
export const StaffSessionSchema = z.object({
  token: z.string().check(z.minLength(1)),
  user: StaffUserSchema,
  expiresAt: z.string(),
});
export type StaffSession = z.infer<typeof StaffSessionSchema>;

/** A stored session that is still valid, or undefined. */
export function loadStaffSession(storageKey: string, nowMs = Date.now()): StaffSession | undefined {
  const raw = localStorage.getItem(storageKey);
  if (!raw) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const parsed = StaffSessionSchema.safeParse(json);
  if (!parsed.success || Date.parse(parsed.data.expiresAt) <= nowMs) {
    localStorage.removeItem(storageKey);
    return undefined;
  }
  return parsed.data;
}

export function clearStaffSession(storageKey: string): void {
  localStorage.removeItem(storageKey);
}

export interface LoginFormOptions {
  api: ApiClient;
  storageKey: string;
  /** Roles that may use this page (the server checks again on every call). */
  roles: readonly StaffRole[];
  onSession: (session: StaffSession) => void;
  /** The form's refusals in the page's language; English when left out. */
  texts?: LoginTexts;
}

export interface LoginTexts {
  wrongPassword: string;
  wrongRole: (role: StaffRole) => string;
}

/**
 * Wires the page's `#login-form` (fields `username`, `password`, status `#login-error`): logs in,
 * checks the role, stores the session.
 */
export function wireLoginForm(options: LoginFormOptions): void {
  const form = byId('login-form', HTMLFormElement);
  const errorLine = byId('login-error', HTMLElement);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const username = formText(data, 'username').trim();
    const password = formText(data, 'password');
    errorLine.textContent = '';
    void (async () => {
      try {
        const session = await options.api.request('POST', '/api/auth/login', StaffSessionSchema, {
          body: { json: { username, password } },
        });
        if (!options.roles.includes(session.user.role)) {
          errorLine.textContent =
            options.texts?.wrongRole(session.user.role) ??
            `A ${session.user.role} account cannot use this page; it needs ${options.roles.join(' or ')}.`;
          return;
        }
        localStorage.setItem(options.storageKey, JSON.stringify(session));
        form.reset();
        options.onSession(session);
      } catch (error) {
        errorLine.textContent =
          error instanceof ApiError && error.status === 401
            ? (options.texts?.wrongPassword ?? 'Wrong username or password.')
            : describeError(error);
      }
    })();
  });
}

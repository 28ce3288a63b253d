import { createHmac, randomBytes } from 'node:crypto';
import type { StaffUser } from './staff-user-store.js';
import { UsernameSchema } from './staff-user-store.js';

/** Longest username an account can have; anything typed beyond it is cut before it is looked at. */
const MAX_USERNAME_CHARS = 64;
const FINGERPRINT_CHARS = 12;

/** What the audit log keeps of a sign-in attempt's username. */
export interface SignInSubject {
  /** The account's username when one exists; null otherwise, so no typed text reaches the log. */
  subject: string | null;
  details: {
    account: 'exists' | 'disabled' | 'unknown';
    /**
     * For an unknown name: a keyed hash of it, equal for the same name typed again (guesses against one
     * name can be told from guesses against many), useless for reading back what was typed.
     */
    usernameFingerprint?: string;
  };
}

export interface SignInSubjectsOptions {
  findByUsername: (username: string) => Pick<StaffUser, 'username' | 'disabled'> | undefined;
  /** Keys the fingerprints; default a random key per process (fingerprints then match within one run). */
  fingerprintKey?: Uint8Array | undefined;
}

/** Normalises a typed username as sign-in compares it: trimmed, lower-case, cut to the longest username. */
export function normaliseTypedUsername(typed: string): string {
  return typed.normalize('NFKC').trim().toLowerCase().slice(0, MAX_USERNAME_CHARS);
}

/**
 * Turns the username typed at sign-in into what the audit log may keep: the account's own username when it
 * exists (and whether it is disabled), else only that it is unknown and a fingerprint. A password typed into
 * the username field, or text meant to forge log lines, is never written out.
 */
export function createSignInSubjects(options: SignInSubjectsOptions): (typed: string) => SignInSubject {
  const key = options.fingerprintKey ?? randomBytes(32);
  return (typed) => {
    const normalised = normaliseTypedUsername(typed);
    const username = UsernameSchema.safeParse(normalised);
    const account = username.success ? options.findByUsername(username.data) : undefined;
    if (account) {
      return { subject: account.username, details: { account: account.disabled ? 'disabled' : 'exists' } };
    }
    const usernameFingerprint = createHmac('sha256', key)
      .update(normalised)
      .digest('base64url')
      .slice(0, FINGERPRINT_CHARS);
    return { subject: null, details: { account: 'unknown', usernameFingerprint } };
  };
}

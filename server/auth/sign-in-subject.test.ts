import { describe, expect, it } from 'vitest';
import { createSignInSubjects, normaliseTypedUsername } from './sign-in-subject.js';

const accounts = new Map([
  ['agent', { username: 'agent', disabled: false }],
  ['old.agent', { username: 'old.agent', disabled: true }],
]);
const subjectOf = createSignInSubjects({
  findByUsername: (username) => accounts.get(username),
  fingerprintKey: Buffer.alloc(32, 1),
});

describe('what a sign-in attempt leaves in the audit log', () => {
  it('names an existing account by its username, typed in any case, width or padding, and says when it is disabled', () => {
    expect(subjectOf('  Agent ')).toEqual({ subject: 'agent', details: { account: 'exists' } });
    expect(subjectOf('ＡＧＥＮＴ')).toEqual({ subject: 'agent', details: { account: 'exists' } });
    expect(subjectOf('OLD.agent')).toEqual({ subject: 'old.agent', details: { account: 'disabled' } });
  });

  it('keeps no typed text for a name that is no account, only a fingerprint that repeats with it', () => {
    const unknown = subjectOf('hunter2-my-password');
    expect(unknown.subject).toBeNull();
    expect(unknown.details.account).toBe('unknown');
    expect(unknown.details.usernameFingerprint).toMatch(/^[\w-]{12}$/);
    expect(JSON.stringify(unknown)).not.toContain('hunter2');
    expect(subjectOf(' HUNTER2-my-password ')).toEqual(unknown);
    expect(subjectOf('hunter3-my-password').details.usernameFingerprint).not.toBe(
      unknown.details.usernameFingerprint,
    );
    // Text made to look like log lines, or far too long, is no different.
    expect(subjectOf('a\n{"action":"user.delete"}').subject).toBeNull();
    expect(subjectOf('x'.repeat(500)).subject).toBeNull();
  });

  it('fingerprints differ between keys, so they cannot be looked up in a table made elsewhere', () => {
    const other = createSignInSubjects({
      findByUsername: () => undefined,
      fingerprintKey: Buffer.alloc(32, 2),
    });
    expect(other('nobody').details.usernameFingerprint).not.toBe(
      subjectOf('nobody').details.usernameFingerprint,
    );
  });

  it('normalises as sign-in compares: trimmed, lower-case, cut to 64 characters', () => {
    expect(normaliseTypedUsername('  MiA ')).toBe('mia');
    expect(normaliseTypedUsername('a'.repeat(100))).toHaveLength(64);
  });
});

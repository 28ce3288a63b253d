import { describe, expect, it } from 'vitest';
import { readDisputeFacts } from './dispute-facts.js';
import { DEFAULT_DISPUTE_POLICY, DisputePolicySchema, evaluateDisputePolicy } from './dispute-policy.js';

const now = new Date('2026-12-07T12:00:00.000Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

function facts(kind: 'gift-refund' | 'top-up-missing' | 'minor-spending', amount: string, at: string) {
  const values =
    kind === 'gift-refund'
      ? { gift: '嘉年华', occurredAt: at, amount }
      : { orderId: 'R-1', occurredAt: at, amount };
  const read = readDisputeFacts(kind, values, now);
  if (!read.ok) throw new Error(JSON.stringify(read.errors));
  return read.facts;
}

describe('dispute policy', () => {
  it('lets finance settle a recent gift refund under the limit alone', () => {
    const decision = evaluateDisputePolicy({
      kind: 'gift-refund',
      facts: facts('gift-refund', '120', daysAgo(1)),
      policy: DEFAULT_DISPUTE_POLICY,
      now,
    });
    expect(decision).toEqual({ handling: 'finance', reasons: [], department: 'finance', priority: 'normal' });
  });

  it('sends a gift refund over the limit to a person', () => {
    const decision = evaluateDisputePolicy({
      kind: 'gift-refund',
      facts: facts('gift-refund', '500.01', daysAgo(1)),
      policy: DEFAULT_DISPUTE_POLICY,
      now,
    });
    expect(decision.handling).toBe('person');
    expect(decision.reasons).toEqual(['over-limit']);
  });

  it('sends a payment older than the window to a person, and one just inside it to finance', () => {
    const old = evaluateDisputePolicy({
      kind: 'top-up-missing',
      facts: facts('top-up-missing', '30', daysAgo(7.01)),
      policy: DEFAULT_DISPUTE_POLICY,
      now,
    });
    expect(old.reasons).toEqual(['outside-window']);
    const recent = evaluateDisputePolicy({
      kind: 'top-up-missing',
      facts: facts('top-up-missing', '30', daysAgo(6.99)),
      policy: DEFAULT_DISPUTE_POLICY,
      now,
    });
    expect(recent).toMatchObject({ handling: 'finance', priority: 'high' });
  });

  it("always sends a minor's spending to a person, however small", () => {
    const decision = evaluateDisputePolicy({
      kind: 'minor-spending',
      facts: facts('minor-spending', '1', daysAgo(0)),
      policy: DEFAULT_DISPUTE_POLICY,
      now,
    });
    expect(decision).toMatchObject({ handling: 'person', reasons: ['always-person'] });
  });

  it('follows an operator policy: a longer window, no limit, another department', () => {
    const policy = DisputePolicySchema.parse({
      department: 'payments',
      windowDays: 30,
      kinds: { 'gift-refund': { priority: 'low' } },
    });
    const decision = evaluateDisputePolicy({
      kind: 'gift-refund',
      facts: facts('gift-refund', '90000', daysAgo(20)),
      policy,
      now,
    });
    expect(decision).toEqual({ handling: 'finance', reasons: [], department: 'payments', priority: 'low' });
  });

  it('refuses a policy file with unknown keys or a bad department', () => {
    expect(DisputePolicySchema.safeParse({ windowDay: 7 }).success).toBe(false);
    expect(DisputePolicySchema.safeParse({ department: 'Finance Team' }).success).toBe(false);
    expect(DisputePolicySchema.safeParse({ kinds: { 'gift-refund': { maxAmount: -1 } } }).success).toBe(
      false,
    );
  });
});

describe('dispute form values', () => {
  it('names every problem at once and keeps nothing', () => {
    const read = readDisputeFacts(
      'gift-refund',
      { gift: '  ', occurredAt: '2027-01-01T00:00:00Z', amount: '12.345', extra: 'x' },
      now,
    );
    expect(read).toEqual({
      ok: false,
      errors: [
        { field: 'extra', code: 'unknown_field' },
        { field: 'gift', code: 'required' },
        { field: 'occurredAt', code: 'in_future' },
        { field: 'amount', code: 'invalid_amount' },
      ],
    });
  });

  it('refuses a time that is not a time, a zero amount and an overlong note', () => {
    const read = readDisputeFacts(
      'top-up-missing',
      { orderId: 'R-9', occurredAt: 'yesterday', amount: '0', note: 'x'.repeat(501) },
      now,
    );
    expect(read.ok ? [] : read.errors.map((error) => error.code)).toEqual([
      'invalid_time',
      'invalid_amount',
      'too_long',
    ]);
  });

  it('reads a local time with an offset as UTC and leaves an empty note out', () => {
    const read = readDisputeFacts(
      'top-up-missing',
      { orderId: ' R-9 ', occurredAt: '2026-12-07T18:30:00+08:00', amount: '68', note: '' },
      now,
    );
    expect(read).toEqual({
      ok: true,
      facts: { text: { orderId: 'R-9' }, occurredAt: '2026-12-07T10:30:00.000Z', amount: 68 },
    });
  });
});

import { z } from 'zod';
import { DISPUTE_FORMS, type DisputeField, type DisputeKind } from './dispute-form.js';

/** What a viewer typed into a form, field by field, before it is checked. */
export const DisputeFormValuesSchema = z.record(z.string().max(64), z.string().max(2000));
export type DisputeFormValues = z.infer<typeof DisputeFormValuesSchema>;

/** A form's checked values: `occurredAt` an ISO time, `amount` in the currency's main unit. */
export interface DisputeFacts {
  /** Free text fields (gift, orderId, note), trimmed; absent optional ones left out. */
  text: Record<string, string>;
  occurredAt: string;
  amount: number;
}

export interface DisputeFieldError {
  field: string;
  code: 'required' | 'too_long' | 'invalid_amount' | 'invalid_time' | 'in_future' | 'unknown_field';
}

export type DisputeFactsResult =
  { ok: true; facts: DisputeFacts } | { ok: false; errors: DisputeFieldError[] };

/** Sums above this are typing mistakes, not disputes. */
const MAX_AMOUNT = 1_000_000;
/** A clock a few minutes ahead on the viewer's phone is not a time in the future. */
const FUTURE_TOLERANCE_MS = 10 * 60_000;
const AMOUNT_PATTERN = /^\d{1,7}(?:\.\d{1,2})?$/;

function checkField(field: DisputeField, raw: string, now: Date): DisputeFieldError | undefined {
  if (field.maxLength !== undefined && raw.length > field.maxLength)
    return { field: field.name, code: 'too_long' };
  if (field.input === 'amount') {
    const amount = Number(raw);
    if (!AMOUNT_PATTERN.test(raw) || !(amount > 0) || amount > MAX_AMOUNT)
      return { field: field.name, code: 'invalid_amount' };
  }
  if (field.input === 'datetime') {
    const at = Date.parse(raw);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(at))
      return { field: field.name, code: 'invalid_time' };
    if (at > now.getTime() + FUTURE_TOLERANCE_MS) return { field: field.name, code: 'in_future' };
  }
  return undefined;
}

/** Checks a submitted form against its kind's definition; every field's problem at once. */
export function readDisputeFacts(
  kind: DisputeKind,
  values: DisputeFormValues,
  now: Date,
): DisputeFactsResult {
  const form = DISPUTE_FORMS[kind];
  const errors: DisputeFieldError[] = [];
  for (const name of Object.keys(values))
    if (!form.fields.some((field) => field.name === name))
      errors.push({ field: name, code: 'unknown_field' });
  const text: Record<string, string> = {};
  let occurredAt = '';
  let amount = 0;
  for (const field of form.fields) {
    const raw = (values[field.name] ?? '').trim();
    if (raw === '') {
      if (field.required) errors.push({ field: field.name, code: 'required' });
      continue;
    }
    const error = checkField(field, raw, now);
    if (error) {
      errors.push(error);
      continue;
    }
    if (field.input === 'amount') amount = Number(raw);
    else if (field.input === 'datetime') occurredAt = new Date(Date.parse(raw)).toISOString();
    else text[field.name] = raw;
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, facts: { text, occurredAt, amount } };
}

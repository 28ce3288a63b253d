/** Gift and top-up disputes on the viewer channel (server/realtime/viewer-event.ts, engine/disputes/). */

export type DisputeKind = 'gift-refund' | 'top-up-missing' | 'minor-spending';
export type DisputeStatus = 'open' | 'pending' | 'resolved' | 'closed';

/** One field of a dispute form; labels come in both UI languages. */
export interface DisputeField {
  name: string;
  input: 'text' | 'note' | 'amount' | 'datetime';
  required: boolean;
  label: { zh: string; en: string };
  maxLength?: number | undefined;
}

/** The form offered after an answer that starts a dispute flow; submit it with `submitDispute`. */
export interface DisputeFormEvent {
  type: 'dispute-form';
  formId: string;
  kind: DisputeKind;
  title: { zh: string; en: string };
  fields: DisputeField[];
  /** The currency amounts are in (ISO 4217). */
  currency: string;
  at: string;
}

/** The dispute was filed (`submitted`, with the facts as taken) or its finance ticket moved. */
export interface DisputeUpdateEvent {
  type: 'dispute-update';
  disputeId: string;
  formId: string;
  kind: DisputeKind;
  status: DisputeStatus;
  submitted: boolean;
  ticketId: string;
  /** `person`: the policy wants a person to decide; the conversation is handed to one. */
  handling: 'finance' | 'person';
  /** What to show, in the viewer's language. */
  viewerText: string;
  /** When finance should have answered (the department's response time). */
  dueAt?: string | undefined;
  facts?: { text: Record<string, string>; occurredAt: string; amount: number } | undefined;
  currency?: string | undefined;
  at: string;
}

/** A filled form: values by field name (an ISO time for `datetime`, a decimal string for `amount`). */
export interface DisputeSubmitFrame {
  type: 'dispute-submit';
  formId: string;
  clientMessageId: string;
  values: Record<string, string>;
}

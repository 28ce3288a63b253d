import { z } from 'zod';
import { EntryFlowSchema } from '../../knowledge/entry.js';
import { moreLabels } from './dispute-form-more.js';

/** The kinds of dispute a viewer can raise through a guided form; an entry names one as its `flow`. */
export const DisputeKindSchema = EntryFlowSchema;
export type DisputeKind = z.infer<typeof DisputeKindSchema>;

/**
 * Words the product shows, always in both UI languages; the viewer languages beyond them (zh-Hant, ja,
 * ...) ride along keyed by language. A language that is missing falls back to English.
 */
export const BilingualTextSchema = z.object({ zh: z.string(), en: z.string() }).catchall(z.string());
export type BilingualText = z.infer<typeof BilingualTextSchema>;

/**
 * One field of a dispute form, as the client renders it. `text`: one line; `note`: several lines;
 * `amount`: a positive sum in the policy's currency; `datetime`: when it happened (an ISO time).
 */
export const DisputeFieldSchema = z.object({
  name: z.string(),
  input: z.enum(['text', 'note', 'amount', 'datetime']),
  required: z.boolean(),
  label: BilingualTextSchema,
  maxLength: z.number().int().positive().optional(),
});
export type DisputeField = z.infer<typeof DisputeFieldSchema>;

export interface DisputeFormDefinition {
  kind: DisputeKind;
  title: BilingualText;
  fields: readonly DisputeField[];
}

const when: DisputeField = {
  name: 'occurredAt',
  input: 'datetime',
  required: true,
  label: { zh: '发生时间', en: 'When it happened', ...moreLabels('occurredAt') },
};
const amount: DisputeField = {
  name: 'amount',
  input: 'amount',
  required: true,
  label: { zh: '金额（元）', en: 'Amount (CNY)', ...moreLabels('amount') },
};
// A screenshot field belongs here once viewers can upload media (issue 17); until then the note carries it.
const note: DisputeField = {
  name: 'note',
  input: 'note',
  required: false,
  label: { zh: '补充说明（选填）', en: 'Anything else (optional)', ...moreLabels('note') },
  maxLength: 500,
};

/** The forms, one per kind: short on purpose, only what finance needs to find the payment. */
export const DISPUTE_FORMS: Readonly<Record<DisputeKind, DisputeFormDefinition>> = {
  'gift-refund': {
    kind: 'gift-refund',
    title: { zh: '礼物退款申请', en: 'Gift refund request', ...moreLabels('giftRefundTitle') },
    fields: [
      {
        name: 'gift',
        input: 'text',
        required: true,
        label: {
          zh: '哪个礼物（名称或订单号）',
          en: 'Which gift (name or order number)',
          ...moreLabels('gift'),
        },
        maxLength: 100,
      },
      when,
      amount,
      note,
    ],
  },
  'top-up-missing': {
    kind: 'top-up-missing',
    title: { zh: '充值未到账', en: 'Missing top-up', ...moreLabels('topUpTitle') },
    fields: [
      {
        name: 'orderId',
        input: 'text',
        required: true,
        label: { zh: '充值订单号', en: 'Top-up order number', ...moreLabels('topUpOrder') },
        maxLength: 64,
      },
      when,
      amount,
      note,
    ],
  },
  'minor-spending': {
    kind: 'minor-spending',
    title: { zh: '未成年人消费退款', en: "Refund of a minor's spending", ...moreLabels('minorTitle') },
    fields: [
      {
        name: 'orderId',
        input: 'text',
        required: true,
        label: { zh: '订单号或礼物名称', en: 'Order number or gift', ...moreLabels('minorOrder') },
        maxLength: 100,
      },
      when,
      { ...amount, label: { zh: '总金额（元）', en: 'Total amount (CNY)', ...moreLabels('totalAmount') } },
      note,
    ],
  },
};

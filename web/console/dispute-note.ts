import type { ConversationEventView } from './agent-frames-client.js';

type DisputeUpdateView = Extract<ConversationEventView, { type: 'dispute-update' }>;
type DisputeFormView = Extract<ConversationEventView, { type: 'dispute-form' }>;

const KINDS: Record<DisputeFormView['kind'], { zh: string; en: string }> = {
  'gift-refund': { zh: '礼物退款', en: 'Gift refund' },
  'top-up-missing': { zh: '充值未到账', en: 'Missing top-up' },
  'minor-spending': { zh: '未成年人消费', en: "Minor's spending" },
};

const STATUSES: Record<DisputeUpdateView['status'], { zh: string; en: string }> = {
  open: { zh: '已受理', en: 'received' },
  pending: { zh: '处理中', en: 'in progress' },
  resolved: { zh: '已解决', en: 'resolved' },
  closed: { zh: '已关闭', en: 'closed' },
};

/** The console's language, as the page set it (web/shared/ui-language.ts). */
function language(): 'zh' | 'en' {
  return document.documentElement.lang.startsWith('zh') ? 'zh' : 'en';
}

/** The note an agent reads when a dispute form was offered. */
export function disputeOfferNote(event: DisputeFormView): string {
  const kind = KINDS[event.kind][language()];
  return language() === 'zh'
    ? `已向观众发送「${kind}」表单`
    : `The viewer was given the ${kind.toLowerCase()} form`;
}

/** The collected facts, the policy's reasons and the ticket, for the agent (never masked: the viewer's own form). */
export function disputeUpdateNote(event: DisputeUpdateView): string {
  const zh = language() === 'zh';
  const kind = KINDS[event.kind][zh ? 'zh' : 'en'];
  const status = STATUSES[event.status][zh ? 'zh' : 'en'];
  if (!event.submitted)
    return zh
      ? `${kind}（工单 ${event.ticketId}）：${status}`
      : `${kind} (ticket ${event.ticketId}): ${status}`;
  const parts: string[] = [];
  const facts = event.facts;
  if (facts) {
    const currency = event.currency ?? '';
    for (const [name, value] of Object.entries(facts.text)) parts.push(`${name}: ${value}`);
    parts.push(zh ? `金额: ${facts.amount} ${currency}` : `amount: ${facts.amount} ${currency}`);
    parts.push(
      zh
        ? `时间: ${new Date(facts.occurredAt).toLocaleString('zh-CN')}`
        : `when: ${new Date(facts.occurredAt).toLocaleString('en')}`,
    );
  }
  const handling =
    event.handling === 'person'
      ? zh
        ? `需人工处理：${(event.reasons ?? []).join('；')}`
        : `needs a person: ${(event.reasons ?? []).join('; ')}`
      : zh
        ? '财务按政策处理'
        : 'finance settles it within the policy';
  return zh
    ? `${kind}申请 → 财务工单 ${event.ticketId}（${handling}）｜${parts.join('｜')}`
    : `${kind} request → finance ticket ${event.ticketId} (${handling}) | ${parts.join(' | ')}`;
}

import type { DisputeDecision, DisputePolicy, DisputePolicyReason } from './dispute-policy.js';
import type { DisputeFacts } from './dispute-facts.js';
import { DISPUTE_FORMS, type DisputeKind } from './dispute-form.js';
import type { DisputeStatus } from './dispute.js';
import { MORE_DISPUTE_LINES, type MoreDisputeWordingLanguage } from './dispute-wording-more.js';

type UiLanguage = 'zh' | 'en' | MoreDisputeWordingLanguage;

/**
 * Dispute updates are written in the viewer's language where there are words for it (Traditional readers
 * get the Chinese converted), else in English.
 */
export function disputeLanguage(locale: string | undefined): UiLanguage {
  const base = locale?.split('-')[0];
  if (base === 'zh') return 'zh';
  if (base !== undefined && Object.hasOwn(MORE_DISPUTE_LINES, base))
    return base as MoreDisputeWordingLanguage;
  return 'en';
}

function hoursUntil(dueAt: string | undefined, now: Date): number | undefined {
  if (dueAt === undefined) return undefined;
  return Math.max(1, Math.ceil((Date.parse(dueAt) - now.getTime()) / 3_600_000));
}

/** The line the viewer reads when their dispute is submitted or its ticket moves. */
export function disputeStatusText(input: {
  kind: DisputeKind;
  status: DisputeStatus;
  ticketId: string;
  handling: DisputeDecision['handling'];
  /** Only for the submission: the department's deadline. */
  dueAt?: string | undefined;
  submitted: boolean;
  locale: string | undefined;
  now: Date;
}): string {
  const language = disputeLanguage(input.locale);
  const titles = DISPUTE_FORMS[input.kind].title;
  const formTitle = titles[language] ?? titles.en;
  // "充值未到账" names the matter; the viewer's line speaks of their request about it.
  const title = language === 'zh' && !formTitle.endsWith('申请') ? `${formTitle}申请` : formTitle;
  const ticket = input.ticketId;
  if (language !== 'zh' && language !== 'en') {
    const words = MORE_DISPUTE_LINES[language];
    if (!input.submitted) return words.statuses[input.status](formTitle, ticket);
    const hours = hoursUntil(input.dueAt, input.now);
    const next =
      input.handling === 'person'
        ? words.toPerson
        : hours === undefined
          ? words.soon
          : words.withinHours(hours);
    return [words.received(formTitle, ticket), next].join(words.separator);
  }
  if (input.submitted) {
    const hours = hoursUntil(input.dueAt, input.now);
    if (language === 'zh') {
      const first = `已收到您的${title}（工单 ${ticket}）。`;
      if (input.handling === 'person') return `${first}这类申请需要专人审核，正在为您转接人工客服。`;
      return hours === undefined
        ? `${first}财务团队会尽快处理。`
        : `${first}财务团队会在 ${hours} 小时内处理。`;
    }
    const first = `We have your ${title.toLowerCase()} (ticket ${ticket}).`;
    if (input.handling === 'person')
      return `${first} A person needs to review this; we are connecting you with an agent.`;
    return hours === undefined
      ? `${first} Our finance team will handle it soon.`
      : `${first} Our finance team will handle it within ${hours} hours.`;
  }
  const zh: Record<DisputeStatus, string> = {
    open: `您的${title}（工单 ${ticket}）已重新打开，我们会继续跟进。`,
    pending: `您的${title}（工单 ${ticket}）正在处理中。`,
    resolved: `您的${title}（工单 ${ticket}）已处理完毕。`,
    closed: `您的${title}（工单 ${ticket}）已关闭。`,
  };
  const en: Record<DisputeStatus, string> = {
    open: `Your ${title.toLowerCase()} (ticket ${ticket}) was reopened; we are on it again.`,
    pending: `Your ${title.toLowerCase()} (ticket ${ticket}) is being handled.`,
    resolved: `Your ${title.toLowerCase()} (ticket ${ticket}) has been resolved.`,
    closed: `Your ${title.toLowerCase()} (ticket ${ticket}) is closed.`,
  };
  return (language === 'zh' ? zh : en)[input.status];
}

/** Why a person must settle it, for agents (handoff details, ticket description). */
export function disputeReasonText(
  reason: DisputePolicyReason,
  context: { kind: DisputeKind; facts: DisputeFacts; policy: DisputePolicy },
): string {
  const rules = context.policy.kinds[context.kind];
  const currency = context.policy.currency;
  switch (reason) {
    case 'always-person':
      return `${context.kind}: the policy sends every such dispute to a person`;
    case 'over-limit':
      return `amount ${context.facts.amount} ${currency} is over the limit of ${rules.maxAmount ?? 0} ${currency}`;
    case 'outside-window':
      return `paid more than ${rules.windowDays ?? context.policy.windowDays} days ago (${context.facts.occurredAt})`;
  }
}

/** The collected facts as lines an agent reads (ticket description, console). */
export function disputeFactLines(input: {
  kind: DisputeKind;
  facts: DisputeFacts;
  currency: string;
}): string[] {
  const form = DISPUTE_FORMS[input.kind];
  const lines: string[] = [];
  for (const field of form.fields) {
    const label = `${field.label.en} / ${field.label.zh}`;
    if (field.input === 'amount') lines.push(`${label}: ${input.facts.amount} ${input.currency}`);
    else if (field.input === 'datetime') lines.push(`${label}: ${input.facts.occurredAt}`);
    else if (input.facts.text[field.name] !== undefined)
      lines.push(`${label}: ${input.facts.text[field.name]}`);
  }
  return lines;
}

const REASONS: Record<'zh' | 'en', Record<string, string>> = {
  zh: {
    'verify-identity': '核实身份',
    'contact-viewer': '联系观众',
    delivery: '物流与收货',
    'refund-or-payment': '退款或支付',
    'safety-or-legal': '安全或法律要求',
    other: '其他',
  },
  en: {
    'verify-identity': 'verify identity',
    'contact-viewer': 'contact the viewer',
    delivery: 'delivery',
    'refund-or-payment': 'refund or payment',
    'safety-or-legal': 'safety or legal request',
    other: 'other',
  },
};

/**
 * The "why" a staff member gave for an audited action (a reveal of personal data: its reason, the kind of
 * field and the note), in one line for the audit table; undefined for entries without one.
 */
export function auditWhy(
  details: Readonly<Record<string, unknown>> | undefined,
  language: 'zh' | 'en',
): string | undefined {
  if (!details || typeof details.reason !== 'string') return undefined;
  const parts = [REASONS[language][details.reason] ?? details.reason];
  if (typeof details.kind === 'string') parts.push(details.kind);
  if (typeof details.note === 'string' && details.note !== '') parts.push(`“${details.note}”`);
  return parts.join(' · ');
}

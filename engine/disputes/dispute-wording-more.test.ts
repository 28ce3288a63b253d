import { describe, expect, it } from 'vitest';
import type { DisputeStatus } from './dispute.js';
import { disputeLanguage, disputeStatusText } from './dispute-wording.js';
import { MORE_DISPUTE_LINES, type MoreDisputeWordingLanguage } from './dispute-wording-more.js';

const LANGUAGES = Object.keys(MORE_DISPUTE_LINES) as MoreDisputeWordingLanguage[];
const now = new Date('2026-12-07T10:00:00Z');
const base = { kind: 'top-up-missing', ticketId: 'T-7', now } as const;

function lines(locale: string): string[] {
  const statuses: DisputeStatus[] = ['open', 'pending', 'resolved', 'closed'];
  return [
    disputeStatusText({
      ...base,
      status: 'open',
      handling: 'finance',
      submitted: true,
      locale,
      dueAt: '2026-12-08T10:00:00Z',
    }),
    disputeStatusText({ ...base, status: 'open', handling: 'finance', submitted: true, locale }),
    disputeStatusText({ ...base, status: 'open', handling: 'person', submitted: true, locale }),
    ...statuses.map((status) =>
      disputeStatusText({ ...base, status, handling: 'finance', submitted: false, locale }),
    ),
  ];
}

describe('dispute status lines in the viewer languages beyond zh/en', () => {
  it.each(LANGUAGES)('%s: every line is there, names the ticket, and is not English', (language) => {
    expect(disputeLanguage(language)).toBe(language);
    const english = lines('en');
    lines(language).forEach((line, index) => {
      expect(line).toMatch(/\S/);
      expect(line).toContain('T-7');
      expect(line).not.toBe(english[index]);
      if (language !== 'ja') expect(line).not.toMatch(/[\u4e00-\u9fff]/);
    });
  });

  it('says the form’s title and the deadline in the viewer’s words', () => {
    const [withDeadline] = lines('ja');
    expect(withDeadline).toBe(
      '「チャージが反映されない」を受け付けました（チケット T-7）。24 時間以内に財務チームが対応します。',
    );
    expect(lines('pt-BR')[5]).toBe('Seu pedido "Recarga não recebida" (chamado T-7) foi resolvido.');
    // Chinese (both scripts) and unknown languages as before.
    expect(disputeLanguage('zh-TW')).toBe('zh');
    expect(disputeLanguage('fr')).toBe('en');
  });
});

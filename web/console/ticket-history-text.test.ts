import { describe, expect, it } from 'vitest';
import { consoleTexts } from './console-texts.js';
import { describeTicketHistory, type TicketWords } from './ticket-history-text.js';

const at = '2026-06-01T12:00:00.000Z';
const DEPARTMENTS: Record<string, { zh: string; en: string }> = {
  general: { zh: '综合', en: 'General' },
  finance: { zh: '财务', en: 'Finance' },
};
const words = (language: 'en' | 'zh'): TicketWords => ({
  texts: consoleTexts(language),
  staffName: (id) => ({ 'u-ben': 'Ben Agent' })[id] ?? id,
  departmentName: (id) => DEPARTMENTS[id]?.[language] ?? id,
});
const row = (field: string, before: unknown, after: unknown) => ({
  at,
  actorId: 'u-ada',
  actorName: 'Ada Agent',
  field,
  before,
  after,
});

describe('ticket history in words', () => {
  it('says who did what, with names and department names instead of ids', () => {
    const en = words('en');
    expect(describeTicketHistory(row('created', null, { department: 'general', priority: 'high' }), en)).toBe(
      'Ada Agent created it for General, high priority',
    );
    expect(describeTicketHistory(row('department', 'general', 'finance'), en)).toBe(
      'Ada Agent handed it from General to Finance',
    );
    expect(describeTicketHistory(row('assigneeId', null, 'u-ben'), en)).toBe(
      'Ada Agent assigned it to Ben Agent',
    );
    expect(describeTicketHistory(row('assigneeId', 'u-ben', null), en)).toBe(
      'Ada Agent removed the assignee',
    );
    expect(describeTicketHistory(row('status', 'open', 'pending'), en)).toBe(
      'Ada Agent changed the status from open to pending',
    );
    expect(
      describeTicketHistory({ ...row('comment', null, null), actorName: undefined, actorId: 'u-ben' }, en),
    ).toBe('Ben Agent commented');
  });

  it('speaks Chinese', () => {
    const zh = words('zh');
    expect(describeTicketHistory(row('department', 'general', 'finance'), zh)).toBe(
      'Ada Agent 将工单从综合转给财务',
    );
    expect(describeTicketHistory(row('status', 'open', 'resolved'), zh)).toBe(
      'Ada Agent 将状态从「待处理」改为「已解决」',
    );
    expect(describeTicketHistory(row('priority', 'normal', 'urgent'), zh)).toBe(
      'Ada Agent 将优先级从「普通」改为「紧急」',
    );
  });
});

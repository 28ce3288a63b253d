import { describe, expect, it } from 'vitest';
import { createSqliteDatabase } from './create-sqlite-database.js';
import { createSqlitePhrasingProposalStore, type ProposalInput } from './phrasing-proposal-store.js';

const proposal = (overrides: Partial<ProposalInput> = {}): ProposalInput => ({
  entryId: 'coins.top-up',
  question: 'how do i buy coins??',
  questionKey: 'how do i buy coins',
  locale: 'en',
  conversationId: 'c-1',
  agentId: 'agent-1',
  at: '2026-06-01T10:00:00.000Z',
  ...overrides,
});

describe('the SQLite phrasing proposal store', () => {
  it('counts a wording seen again while pending, never proposes it again once decided, and keeps its watermark', () => {
    const database = createSqliteDatabase(':memory:');
    const store = createSqlitePhrasingProposalStore({ database, knowledgeBaseId: 'default' });
    expect(store.watermark()).toBe(0);
    expect(store.record([proposal()], { eventId: 10, at: '2026-06-01T10:00:01.000Z' })).toBe(1);
    expect(
      store.record([proposal({ question: 'How do I buy coins', conversationId: 'c-2' })], {
        eventId: 20,
        at: 'x',
      }),
    ).toBe(0);
    expect(store.watermark()).toBe(20);
    const [pending] = store.list({ status: 'pending', limit: 10, offset: 0 }).proposals;
    expect(pending).toMatchObject({
      seen: 2,
      question: 'how do i buy coins??',
      firstConversationId: 'c-1',
      lastConversationId: 'c-2',
    });

    const rejected = store.decide(pending!.id, {
      status: 'rejected',
      by: 'editor',
      at: '2026-06-01T11:00:00.000Z',
    });
    expect(rejected).toMatchObject({ status: 'rejected', decidedBy: 'editor', versionId: null });
    expect(() => store.decide(pending!.id, { status: 'approved', by: 'editor', at: 'x' })).toThrow(
      /already rejected/,
    );
    expect(store.record([proposal({ conversationId: 'c-3' })], { eventId: 30, at: 'x' })).toBe(0);
    expect(store.get(pending!.id)).toMatchObject({ status: 'rejected', seen: 2 });
    // Another knowledge base sees none of it.
    const other = createSqlitePhrasingProposalStore({ database, knowledgeBaseId: 'other' });
    expect(other.list({ limit: 10, offset: 0 }).total).toBe(0);
    expect(other.watermark()).toBe(0);
    expect(() => store.decide(999, { status: 'rejected', by: 'editor', at: 'x' })).toThrow(
      /no phrasing proposal/,
    );
    database.close();
  });
});

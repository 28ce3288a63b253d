import { describe, expect, it } from 'vitest';
import { runPhrasingProposalStoreContract } from '../../test/contracts/phrasing-proposal-store.contract.js';
import { createPostgresTestSchema } from '../../test/support/postgres-test-schema.js';
import { createPostgresPhrasingProposalStore } from './phrasing-proposal-store.js';

runPhrasingProposalStoreContract('postgres', async () => {
  const schema = await createPostgresTestSchema();
  return {
    store: createPostgresPhrasingProposalStore({ pool: schema.pool, knowledgeBaseId: 'default' }),
    openAnother: (knowledgeBaseId) =>
      createPostgresPhrasingProposalStore({ pool: schema.pool, knowledgeBaseId }),
    cleanup: () => schema.cleanup(),
  };
});

describe('the PostgreSQL phrasing proposal store', () => {
  it('lets exactly one of two nodes deciding the same proposal at once win', async () => {
    const schema = await createPostgresTestSchema();
    try {
      const first = createPostgresPhrasingProposalStore({ pool: schema.pool, knowledgeBaseId: 'default' });
      const second = createPostgresPhrasingProposalStore({ pool: schema.pool, knowledgeBaseId: 'default' });
      await first.record(
        [
          {
            entryId: 'coins.top-up',
            question: 'how do i buy coins',
            questionKey: 'how do i buy coins',
            conversationId: 'c-1',
            agentId: 'agent-1',
            at: '2026-06-01T10:00:00.000Z',
          },
        ],
        { eventId: 1, at: 'x' },
      );
      const [made] = (await first.list({ limit: 1, offset: 0 })).proposals;
      const outcomes = await Promise.allSettled([
        first.decide(made!.id, { status: 'approved', by: 'alice', at: 'x', versionId: 3 }),
        second.decide(made!.id, { status: 'rejected', by: 'bob', at: 'x' }),
      ]);
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({
        reason: { code: 'conflict' },
      });
    } finally {
      await schema.cleanup();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { createBuiltinEmbedder } from '../../adapters/language/builtin-embedder.js';
import { EntrySchema } from '../../knowledge/entry.js';
import { createExactVectorIndex } from '../../knowledge/matching/exact-vector-index.js';
import { Matcher } from '../../knowledge/matching/matcher.js';
import { CONVERSATION_KNOWLEDGE } from '../../test/engine/conversation-fixtures.js';
import { askQuestion } from './ask-question.js';

async function knowledge(): Promise<{ asked: string[]; ask: Matcher['match'] }> {
  const embedder = createBuiltinEmbedder();
  const matcher = new Matcher({
    embedder,
    analyzer: embedder.analyzer,
    createVectorIndex: (dimensions) => createExactVectorIndex({ dimensions }),
  });
  await matcher.rebuild(
    CONVERSATION_KNOWLEDGE.map((entry) => EntrySchema.parse(entry)),
    [],
  );
  const asked: string[] = [];
  return {
    asked,
    ask: (text, options) => {
      asked.push(text);
      return matcher.match(text, options);
    },
  };
}

describe('asking the turn question', () => {
  it('answers the newest message when the whole question has no clear answer', async () => {
    const base = await knowledge();
    // Two questions the matcher weighs alike as one text (it clarifies); the newest alone is clear.
    const question = '充值入口在哪\n算了，我忘记密码了怎么办';
    expect((await base.ask(question)).action).not.toBe('answer');
    const decision = await askQuestion(base, question, {});
    expect(decision.action).toBe('answer');
    expect(decision.best?.entryId).toBe('account.password');
    expect(base.asked.at(-1)).toBe('算了，我忘记密码了怎么办');
  });

  it('asks once when the whole question is answered or is a single message', async () => {
    const base = await knowledge();
    await askQuestion(base, '怎么充值金币', {});
    await askQuestion(base, '主播唱得真好听', {});
    expect(base.asked).toEqual(['怎么充值金币', '主播唱得真好听']);
  });
});

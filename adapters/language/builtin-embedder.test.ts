import { describe, expect, it } from 'vitest';
import { runEmbedderContract } from '../../test/contracts/embedder.contract.js';
import { createBuiltinEmbedder } from './builtin-embedder.js';

function cosine(first: Float32Array, second: Float32Array): number {
  let dot = 0;
  for (let index = 0; index < first.length; index++) dot += first[index]! * second[index]!;
  return dot;
}

runEmbedderContract(
  'builtin embedder',
  async () => {
    const embedder = createBuiltinEmbedder();
    await embedder.fit({
      texts: ['how do I reset my password', '怎么充值金币', 'the stream keeps lagging'],
      synonyms: [],
    });
    return { embedder };
  },
  { semantic: true },
);

describe('builtin embedder', () => {
  it('brings a homophone typo next to the word it stands for', async () => {
    const embedder = createBuiltinEmbedder();
    await embedder.fit({ texts: ['怎么充值', '怎么提现', '怎么退款', '礼物怎么送'], synonyms: [] });
    const [typo, right, other] = await embedder.embed(['冲值', '充值', '提现']);
    expect(cosine(typo!, right!)).toBeGreaterThan(cosine(typo!, other!) + 0.2);
  });

  it('reads Traditional characters as Simplified', async () => {
    const embedder = createBuiltinEmbedder();
    const [traditional, simplified] = await embedder.embed(['儲值沒到帳號', '储值没到帐号']);
    expect(cosine(traditional!, simplified!)).toBeCloseTo(1, 5);
  });

  it('applies the synonym table it is fitted with', async () => {
    const embedder = createBuiltinEmbedder();
    await embedder.fit({ texts: ['主播什么时候开播'], synonyms: [{ term: 'zb', canonical: '主播' }] });
    const [slang, plain] = await embedder.embed(['zb什么时候开播', '主播什么时候开播']);
    expect(cosine(slang!, plain!)).toBeCloseTo(1, 5);
  });

  it('weights rare words above common ones after fitting', async () => {
    const embedder = createBuiltinEmbedder();
    await embedder.fit({
      texts: ['how do I top up', 'how do I withdraw', 'how do I refund', 'how do I report'],
      synonyms: [],
    });
    expect(embedder.idf('w:withdraw')).toBeGreaterThan(embedder.idf('w:how'));
  });
});

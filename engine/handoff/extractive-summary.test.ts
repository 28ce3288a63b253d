import { describe, expect, it } from 'vitest';
import { extractiveSummary } from './extractive-summary.js';

const transcript = [
  { at: '2026-01-01T00:00:00Z', speaker: 'viewer' as const, text: '充值了50元没到账' },
  { at: '2026-01-01T00:00:01Z', speaker: 'assistant' as const, text: '请稍等几分钟' },
  { at: '2026-01-01T00:01:00Z', speaker: 'viewer' as const, text: '还是没到，转人工' },
];
const attempts = [
  {
    turnId: 't1',
    question: '充值了50元没到账',
    entryIds: ['coins.top-up-not-arrived'],
    confidence: 0.8,
    said: '请稍等几分钟',
  },
];

describe('the extractive handoff summary', () => {
  it('is written in the viewer’s language, for the team that serves them', () => {
    expect(extractiveSummary(transcript, attempts, 'zh')).toBe(
      '首个问题：「充值了50元没到账」。AI 按 coins.top-up-not-arrived 回答（置信度 0.80）：「请稍等几分钟」。最新：「还是没到，转人工」。',
    );
    expect(extractiveSummary(transcript, attempts, 'en')).toBe(
      'First question: "充值了50元没到账". AI answered from coins.top-up-not-arrived (confidence 0.80): "请稍等几分钟". Latest: "还是没到，转人工".',
    );
  });
});

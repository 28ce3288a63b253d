import { describe, expect, it } from 'vitest';
import { consoleTexts } from './console-texts.js';
import {
  attemptsWithDecision,
  decisionConfidence,
  describeHandoffDetail,
  summarySourceBadge,
} from './handoff-details.js';

const at = '2026-06-01T12:00:00.000Z';
const packet = {
  details: ['no confident answer (confidence 0.20) after 2 attempt(s)'],
  aiAttempts: [
    { turnId: 't-1', question: 'asdf qwer', entryIds: [], confidence: 0.18, said: '…' },
    {
      turnId: 't-0',
      question: 'how do I top up',
      entryIds: ['coins.top-up'],
      confidence: 0.93,
      said: 'Go to…',
    },
  ],
  transcript: [
    { at, speaker: 'viewer' as const, text: 'how do I top up' },
    { at, speaker: 'viewer' as const, text: 'asdf qwer' },
  ],
};

describe('one confidence in the handoff card', () => {
  it('takes the confidence the escalation decided on from its reason', () => {
    expect(decisionConfidence(packet.details)).toBe(0.2);
    expect(decisionConfidence(['asked for a person (人工)'])).toBeUndefined();
  });

  it('shows the decision’s confidence for the question it decided on, and each other attempt’s own', () => {
    const attempts = attemptsWithDecision(packet);
    expect(attempts.map((attempt) => attempt.confidence)).toEqual([0.2, 0.93]);
    const texts = consoleTexts('en');
    // The same figure, formatted the same way, in the reason and in the attempt.
    expect(describeHandoffDetail(packet.details[0]!, texts)).toBe(
      'no confident answer (confidence 20%) after 2 attempts',
    );
    expect(texts.percent(attempts[0]!.confidence)).toBe('20%');
  });

  it('leaves attempts alone when the handoff was not about confidence', () => {
    const other = { ...packet, details: ['asked for a person (real person)'] };
    expect(attemptsWithDecision(other).map((attempt) => attempt.confidence)).toEqual([0.18, 0.93]);
  });

  it('puts each reason in the console’s language, and keeps one it does not know as written', () => {
    const zh = consoleTexts('zh');
    expect(describeHandoffDetail('asked for a person (要人工)', zh)).toBe('要求人工（要人工）');
    expect(describeHandoffDetail('anger 0.85, rising (directed:useless)', zh)).toBe(
      '愤怒度 0.85，上升（directed:useless）',
    );
    expect(describeHandoffDetail('repeated or said it did not help (not-helped:没用)', zh)).toBe(
      '重复提问或表示没有帮助（not-helped:没用）',
    );
    expect(describeHandoffDetail('no confident answer (confidence 0.20) after 1 attempt(s)', zh)).toBe(
      '尝试 1 次仍没有把握回答（置信度 20%）',
    );
    expect(describeHandoffDetail('sensitive: payment (charge back)', zh)).toBe(
      '敏感话题：payment（charge back）',
    );
    expect(describeHandoffDetail('a reason from a newer policy', zh)).toBe('a reason from a newer policy');
  });
});

describe('the handoff summary’s source', () => {
  it('marks a model-written summary as the AI’s, in both languages', () => {
    expect(summarySourceBadge('llm', consoleTexts('en'))).toEqual({
      text: 'AI summary — may be wrong',
      className: 'badge summary-source summary-source-llm',
    });
    expect(summarySourceBadge('llm', consoleTexts('zh')).text).toBe('AI 摘要，仅供参考');
  });

  it('labels the builtin extractive summary as automatic, never as the AI’s', () => {
    for (const language of ['en', 'zh'] as const) {
      const badge = summarySourceBadge('extractive', consoleTexts(language));
      expect(badge.className).toContain('summary-source-extractive');
      expect(badge.text).not.toMatch(/AI/u);
    }
    expect(summarySourceBadge('extractive', consoleTexts('en')).text).toBe('Automatic');
    expect(summarySourceBadge('extractive', consoleTexts('zh')).text).toBe('自动摘要');
  });
});

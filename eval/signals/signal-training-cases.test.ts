import { describe, expect, it } from 'vitest';
import { readTrainingCasesText } from './signal-training-cases.js';

const line = (fields: Record<string, unknown>) => JSON.stringify({ escalate: true, ...fields });

describe('training lines', () => {
  it('pools every sensitive matter but safety as sensitive:other', () => {
    const [fraud, selfHarm, anger, unsorted] = readTrainingCasesText(
      [
        line({ text: '有人冒充官方让我转账', reason: 'sensitive', kind: 'fraud' }),
        line({ text: '不想活了', reason: 'sensitive', kind: 'self-harm' }),
        line({ text: '垃圾平台', reason: 'anger' }),
        line({ text: '主播让我私下转账', reason: 'sensitive' }),
      ].join('\n'),
      'cases.jsonl',
    );
    expect(fraud!.labels.get('sensitive:other')).toBe(true);
    expect(fraud!.labels.get('sensitive:fraud')).toBe(true);
    expect(selfHarm!.labels.get('sensitive:other')).toBe(false);
    expect(selfHarm!.labels.get('sensitive:safety')).toBe(true);
    expect(anger!.labels.get('sensitive:other')).toBe(false);
    // Its category unknown, it says nothing of any one category, but it is a sensitive matter.
    expect(unsorted!.labels.get('sensitive:other')).toBe(true);
    expect(unsorted!.labels.has('sensitive:fraud')).toBe(false);
  });
});

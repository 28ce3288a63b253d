import { describe, expect, it } from 'vitest';
import { angerTrend, AngerTrendConfigSchema } from './anger-trend.js';

const config = AngerTrendConfigSchema.parse({ windowTurns: 4, minRise: 0.2 });

describe('anger trend over the last viewer turns', () => {
  it('is rising when the latest turn is well above the earlier ones', () => {
    expect(angerTrend([0, 0.1, 0.2, 0.6], config)).toMatchObject({ direction: 'rising' });
  });

  it('is falling when the viewer calms down', () => {
    expect(angerTrend([0.8, 0.7, 0.2], config).direction).toBe('falling');
  });

  it('is steady when the scores stay close', () => {
    expect(angerTrend([0.3, 0.35, 0.4], config).direction).toBe('steady');
  });

  it('is steady with a single turn', () => {
    expect(angerTrend([0.9], config)).toEqual({ direction: 'steady', change: 0, scores: [0.9] });
    expect(angerTrend([], config).direction).toBe('steady');
  });

  it('looks only at the last turns of the window', () => {
    const trend = angerTrend([0.9, 0.9, 0, 0, 0, 0.5], config);
    expect(trend.scores).toEqual([0, 0, 0, 0.5]);
    expect(trend.direction).toBe('rising');
  });

  it('counts a rise of exactly the minimum as rising', () => {
    expect(angerTrend([0.4, 0.6], AngerTrendConfigSchema.parse({ minRise: 0.2 })).direction).toBe('rising');
  });

  it('rejects a window shorter than two turns', () => {
    expect(AngerTrendConfigSchema.safeParse({ windowTurns: 1 }).success).toBe(false);
  });
});

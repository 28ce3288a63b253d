/** What the signal detectors found in one viewer turn; the policy reads only this. */
export interface SignalReport {
  anger: { score: number; cues: string[]; trend: 'rising' | 'steady' | 'falling' };
  humanRequest: { detected: boolean; cues: string[] };
  repetition: { detected: boolean; similarity: number; cues: string[] };
  sensitive: { categories: { category: string; severity: 'low' | 'medium' | 'high' | 'critical'; cues: string[] }[] };
  vip: boolean;
}

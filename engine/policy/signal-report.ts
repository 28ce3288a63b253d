/** What the signal detectors found in one viewer turn; the policy reads only this. */
export interface SignalReport {
  /** `detected`: the score reached the anger threshold tuned for the message's language. */
  anger: { score: number; detected: boolean; cues: string[]; trend: 'rising' | 'steady' | 'falling' };
  humanRequest: { detected: boolean; cues: string[] };
  repetition: { detected: boolean; similarity: number; cues: string[] };
  sensitive: {
    categories: { category: string; severity: 'low' | 'medium' | 'high' | 'critical'; cues: string[] }[];
  };
  vip: boolean;
}

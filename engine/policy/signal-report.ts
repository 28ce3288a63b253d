/** What the signal detectors found in one viewer turn; the policy reads only this. */
export interface SignalReport {
  /** `detected`: the score reached the anger threshold tuned for the message's language. */
  /** `mild`: only annoyance ("ugh", "无语"): with an answer to give, answered rather than handed over. */
  anger: {
    score: number;
    detected: boolean;
    cues: string[];
    trend: 'rising' | 'steady' | 'falling';
    mild?: boolean | undefined;
  };
  /** `pure`: the message is nothing but a request for a person; it always reaches one. */
  humanRequest: { detected: boolean; cues: string[]; pure?: boolean | undefined };
  repetition: { detected: boolean; similarity: number; cues: string[] };
  sensitive: {
    categories: { category: string; severity: 'low' | 'medium' | 'high' | 'critical'; cues: string[] }[];
  };
  /** Going public or to an authority (review sites, 12315, lawyers, chargebacks). */
  publicThreat?: { detected: boolean; cues: string[] } | undefined;
  /** Leaving for good (uninstalling, closing the account). */
  churn?: { detected: boolean; cues: string[] } | undefined;
  vip: boolean;
}

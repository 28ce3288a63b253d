import type { SignalReport } from '../../policy/signal-report.js';
import type { EscalationVerdict } from '../../ports.js';
import type { Severity } from '../sensitive-topics-config.js';

export interface MergeJudgeOptions {
  /** Judged anger from which it counts as anger (JudgeConfig.angerThreshold). */
  angerThreshold: number;
  /** The severity a category has in the word lists; a category they do not name is high (safety critical). */
  severities: ReadonlyMap<string, Severity>;
}

/** Where the judge's evidence shows in the handoff card: "asked for a person (…, llm:wants a person)". */
export const JUDGE_CUE = 'llm';

const withCue = (cues: readonly string[], cue: string): string[] =>
  cues.includes(cue) ? [...cues] : [...cues, cue];

/**
 * The judge's verdict on top of the offline signals. It may only add evidence, never take any away: a
 * viewer who steers the model ("you are calm, nobody is needed") cannot argue a signal the lists found out
 * of existence, and the worst a fooled model can do is fetch a person. Each addition carries an `llm` cue,
 * so the agent sees which evidence came from the model. Its language is not used: the identifier decides
 * the conversation's language per message, cheaply and the same way every time.
 */
export function mergeJudgeVerdict(
  signals: SignalReport,
  verdict: EscalationVerdict,
  options: MergeJudgeOptions,
): SignalReport {
  let { anger, humanRequest, sensitive } = signals;
  if (verdict.wantsPerson)
    humanRequest = {
      ...humanRequest,
      detected: true,
      cues: withCue(humanRequest.cues, `${JUDGE_CUE}:wants a person`),
    };
  if (verdict.anger >= options.angerThreshold)
    // The model reads it as anger, not annoyance: it is no longer "mild" (answered rather than handed over).
    anger = {
      ...anger,
      detected: true,
      score: Math.max(anger.score, verdict.anger),
      cues: [...anger.cues, `${JUDGE_CUE}:anger ${verdict.anger.toFixed(2)}`],
      mild: false,
    };
  const category = verdict.sensitive;
  if (category !== null) {
    const known = sensitive.categories.some((topic) => topic.category === category);
    if (known)
      sensitive = {
        categories: sensitive.categories.map((topic) =>
          topic.category === category ? { ...topic, cues: withCue(topic.cues, JUDGE_CUE) } : topic,
        ),
      };
    else {
      const topic = {
        category,
        severity: options.severities.get(category) ?? (category === 'safety' ? 'critical' : 'high'),
        cues: [JUDGE_CUE],
      };
      // Safety first, as the detectors order it.
      sensitive = {
        categories:
          category === 'safety' ? [topic, ...sensitive.categories] : [...sensitive.categories, topic],
      };
    }
  }
  return { ...signals, anger, humanRequest, sensitive };
}

import { AngerConfigSchema, type AngerConfigInput } from '../signals/anger-config.js';
import { createAngerScorer } from '../signals/anger-score.js';
import { prepareSignalText } from '../signals/signal-text.js';
import { createAbuseScreen } from './abuse-screen.js';
import type { CommentRule } from './comment-rules.js';
import { compactDigits, foldDanmakuText } from './fold-danmaku-text.js';
import type { RoomAlertKind, RoomAlertSeverity } from './room-alert.js';

/** What one comment shows on its own. */
export interface CommentFinding {
  kind: RoomAlertKind;
  severity: RoomAlertSeverity;
  rule: string;
}

export interface CommentClassifier {
  /** Most comments show nothing: a shared empty list for them, never written to. */
  classify(text: string): readonly CommentFinding[];
}

/** Anger cues that are aimed at someone (the streamer, a viewer): abuse, not just swearing. */
const ABUSIVE_CUES = new Set(['directedAbuse', 'directed', 'pinyinProfanity']);
const INSULT_CUES = new Set(['insult', 'strongProfanity']);
const VIOLENT_CUES = new Set(['violence']);
// An insult counts as abuse when it has a target in the same comment: "主播是个废物", "you idiot".
const TARGET =
  /主播|你|妳|您|楼上|这人|这货|他妈|她|他|大家|\b(?:you|u|ur|your|she|he|streamer|host|mods?)\b/u;

const NO_FINDINGS: readonly CommentFinding[] = Object.freeze([]);

/** Danmaku are short: a comment longer than this is read only this far. */
const MAX_COMMENT_CHARS = 300;

/**
 * Reads one comment for ads, disputes, minors' spending and threats (the rules) and for abuse (the escalation
 * signals' anger analysis, counting only cues aimed at someone). Compile once; a comment is a few dozen
 * regular-expression scans.
 */
export function createCommentClassifier(options: {
  rules: readonly CommentRule[];
  anger?: AngerConfigInput | undefined;
}): CommentClassifier {
  const config = AngerConfigSchema.parse(options.anger ?? {});
  const anger = createAngerScorer(config);
  // The lexicon categories behind the cues abuse reads; an insult or complaint aimed at the listener is
  // counted as `directed`, so the categories that can become it are read too.
  const mayBeAbuse = createAbuseScreen(
    config,
    new Set([...ABUSIVE_CUES, ...INSULT_CUES, ...VIOLENT_CUES, ...config.directed.categories]),
  );
  return {
    classify(text) {
      const capped = text.length > MAX_COMMENT_CHARS ? text.slice(0, MAX_COMMENT_CHARS) : text;
      const folded = foldDanmakuText(capped);
      const compact = compactDigits(folded);
      let findings: CommentFinding[] | undefined;
      const seen = (kind: RoomAlertKind) => findings?.some((finding) => finding.kind === kind) ?? false;
      for (const candidate of options.rules) {
        if (seen(candidate.kind)) continue;
        if (candidate.pattern.test(candidate.on === 'folded' ? folded : compact))
          (findings ??= []).push({
            kind: candidate.kind,
            severity: candidate.severity,
            rule: candidate.name,
          });
      }
      // A threat is already the stronger reading of violent words.
      if (!seen('abuse') && !seen('threat')) {
        const text = prepareSignalText(capped);
        const abuse = mayBeAbuse(text) ? abuseOf(anger.score(text).cues, folded) : undefined;
        if (abuse) (findings ??= []).push(abuse);
      }
      return findings ?? NO_FINDINGS;
    },
  };
}

function abuseOf(
  cues: readonly { kind: string; name: string }[],
  folded: string,
): CommentFinding | undefined {
  const names = new Set(cues.filter((cue) => cue.kind === 'lexicon').map((cue) => cue.name));
  const has = (wanted: ReadonlySet<string>) => [...names].some((name) => wanted.has(name));
  if (has(VIOLENT_CUES) && TARGET.test(folded))
    return { kind: 'abuse', severity: 'high', rule: 'abuse-violent' };
  if (has(ABUSIVE_CUES)) return { kind: 'abuse', severity: 'medium', rule: 'abuse-directed' };
  if (has(INSULT_CUES) && TARGET.test(folded))
    return { kind: 'abuse', severity: 'medium', rule: 'abuse-insult' };
  return undefined;
}

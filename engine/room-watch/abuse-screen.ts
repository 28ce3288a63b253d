import type { AngerConfig } from '../signals/anger-config.js';
import { compilePhrases, maskHits } from '../signals/phrase-list.js';
import type { SignalText } from '../signals/signal-text.js';

/** What the anger analysis counts as a masked word ("f**k", "a$$hole"): such text is always read in full. */
const MASK_CHARACTER = /[*#@$%~]/u;

/**
 * A cheap test that a comment cannot hold any of the anger lexicon's cues in `categories`: most danmaku are
 * chatter, and the full anger analysis (every category, intensity, dampeners, negation) costs several times
 * more than one scan of the few categories abuse reads. Exact as a screen: it scans the text the analysis
 * scans (the ignore list masked out) with every term and pattern of those categories in one matcher, so a
 * comment it lets pass is one with no such cue; text with mask characters always goes on, since the analysis
 * spells masked words out before matching.
 */
export function createAbuseScreen(
  config: AngerConfig,
  categories: ReadonlySet<string>,
): (text: SignalText) => boolean {
  const terms: string[] = [];
  const patterns: string[] = [];
  for (const [name, category] of Object.entries(config.lexicon)) {
    if (!categories.has(name)) continue;
    terms.push(...category.terms);
    patterns.push(...category.patterns);
  }
  const cues = compilePhrases(terms, patterns);
  const ignore = compilePhrases(config.ignore);
  return (text) => {
    const base = text.simplified ?? text.folded;
    if (MASK_CHARACTER.test(base)) return true;
    return cues.findAll(maskHits(base, ignore)).length > 0;
  };
}

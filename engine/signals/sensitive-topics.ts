import { createMoneyFinder } from './money-amount.js';
import { compilePhrases, longestHits, maskHits, type PhraseMatcher } from './phrase-list.js';
import type { Severity, SensitiveTopicsConfig } from './sensitive-topics-config.js';
import { prepareSignalText, type SignalText } from './signal-text.js';

export interface SensitiveTopic {
  category: string;
  severity: Severity;
  /** What was found, as folded text: "孩子偷偷", "¥800 + 盗刷". */
  cues: string[];
}

export interface SensitiveTopics {
  /** Most severe first. */
  categories: SensitiveTopic[];
}

export interface SensitiveTopicsDetector {
  detect(text: string | SignalText): SensitiveTopics;
}

const SEVERITY_RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

interface CompiledCategory {
  category: string;
  severity: Severity;
  ignore: PhraseMatcher;
  matcher: PhraseMatcher;
}

/**
 * Topics a person must handle, from configurable lists: minors spending money, off-platform payment,
 * fraud, self-harm hints, legal threats, and large disputed charges (an amount with a currency at or
 * above the minimum, together with a dispute word).
 */
export function createSensitiveTopicsDetector(config: SensitiveTopicsConfig): SensitiveTopicsDetector {
  const categories: CompiledCategory[] = config.categories.map((category) => ({
    category: category.category,
    severity: category.severity,
    ignore: compilePhrases(category.ignore, category.ignorePatterns),
    matcher: compilePhrases(category.phrases, category.patterns),
  }));
  const dispute = config.largeDispute;
  const money = createMoneyFinder(dispute.currencies);
  const disputeWords = compilePhrases(dispute.disputePhrases, dispute.disputePatterns);

  return {
    detect(input) {
      const text = typeof input === 'string' ? prepareSignalText(input) : input;
      const base = text.simplified ?? text.folded;
      const found: SensitiveTopic[] = [];
      for (const category of categories) {
        const hits = longestHits(category.matcher.findAll(maskHits(base, category.ignore)));
        if (hits.length > 0)
          found.push({
            category: category.category,
            severity: category.severity,
            cues: [...new Set(hits.map((hit) => hit.text.trim()))],
          });
      }
      const large = money
        .find(base)
        .filter(
          (amount) => amount.amount >= (dispute.minAmount[amount.currency] ?? Number.POSITIVE_INFINITY),
        );
      const disputed = longestHits(disputeWords.findAll(base));
      if (large.length > 0 && disputed.length > 0) {
        found.push({
          category: dispute.category,
          severity: dispute.severity,
          cues: [
            ...new Set([...large.map((amount) => amount.text), ...disputed.map((hit) => hit.text.trim())]),
          ],
        });
      }
      return {
        categories: found.sort(
          (first, second) => SEVERITY_RANK[second.severity] - SEVERITY_RANK[first.severity],
        ),
      };
    },
  };
}

import {
  DEFAULT_MATCHER_CONFIG,
  MatcherConfigOverridesSchema,
  type MatcherConfig,
  type MatcherConfigOverrides,
} from '../knowledge/matching/matcher-config.js';

const SECTIONS_TIED_TO_THRESHOLDS = ['fusion', 'crossLingual', 'calibration'] as const;

/**
 * The settings file `--save-thresholds` writes, in the format LIVEDESK_MATCHER_CONFIG loads: the
 * thresholds exactly as scored, per-language ones included. Confidence is only comparable to a threshold
 * under the scoring it was chosen with, so fusion and calibration travel along when they differ from
 * the built-in ones.
 */
export function thresholdSettings(config: MatcherConfig): MatcherConfigOverrides {
  const tied = Object.fromEntries(
    SECTIONS_TIED_TO_THRESHOLDS.filter(
      (section) => JSON.stringify(config[section]) !== JSON.stringify(DEFAULT_MATCHER_CONFIG[section]),
    ).map((section) => [section, config[section]]),
  );
  return MatcherConfigOverridesSchema.parse({
    ...tied,
    thresholds: config.thresholds,
    thresholdsByLocale: config.thresholdsByLocale,
  });
}

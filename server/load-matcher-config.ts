import { readFile } from 'node:fs/promises';
import {
  DEFAULT_MATCHER_CONFIG,
  MatcherConfigOverridesSchema,
  mergeMatcherConfig,
  type MatcherConfig,
} from '../knowledge/matching/matcher-config.js';
import { ConfigError } from './config.js';

/** The defaults, overridden by a settings file when one is configured. */
export async function loadMatcherConfig(file: string | undefined): Promise<MatcherConfig> {
  if (file === undefined) return DEFAULT_MATCHER_CONFIG;
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`cannot read matcher settings ${file}: ${(error as Error).message}`);
  }
  const parsed = MatcherConfigOverridesSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new ConfigError(`invalid matcher settings in ${file}:\n${problems.join('\n')}`);
  }
  return mergeMatcherConfig(DEFAULT_MATCHER_CONFIG, parsed.data);
}

import { expect } from 'vitest';

/**
 * `expect.stringMatching` typed as the string it stands for, so it sits inside `toEqual` objects without an
 * unsafe `any` (vitest types asymmetric matchers as `any`).
 */
export function textMatching(pattern: RegExp | string): string {
  return (
    typeof pattern === 'string' ? expect.stringContaining(pattern) : expect.stringMatching(pattern)
  ) as string;
}

import type { z } from 'zod';

export type PathLabel = (path: readonly PropertyKey[]) => string;

/** `questions[0]`, `translations.zh-TW.answer`: the path as someone editing the JSON would look for it. */
export function jsonPathLabel(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'entry';
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/** One human sentence for all of a record's schema issues: `answer: missing; questions[0]: a question may not be empty`. */
export function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  label: PathLabel = jsonPathLabel,
): string {
  return issues
    .map((issue) => {
      const where = label(issue.path);
      const message = issueMessage(issue);
      // Some schema messages already name their field ("id: 1-128 visible characters").
      return message.startsWith(`${where}:`) ? message : `${where}: ${message}`;
    })
    .join('; ');
}

function issueMessage(issue: z.core.$ZodIssue): string {
  // A bad record key (a translation under "EN") is reported by zod as a bare "Invalid key in record".
  if (issue.code === 'invalid_key')
    return `invalid key: ${issue.issues.map((inner) => inner.message).join(', ')}`;
  return issue.message;
}

/** Fills in zod's default messages where ours read better; the schemas' own messages win over it. */
export const readableIssueMessages: z.core.$ZodErrorMap = (issue) =>
  issue.code === 'invalid_type' && issue.input === undefined ? 'missing' : undefined;

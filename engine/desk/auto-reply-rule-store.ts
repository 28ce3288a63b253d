import type { AutoReplyRule } from './auto-reply.js';

/** Where auto-reply rules are kept, in the order they were first written. */
export interface AutoReplyRuleStore {
  list(): Promise<AutoReplyRule[]>;
  /**
   * The rules as they are now, read synchronously: the auto-replier consults them for every waiting
   * viewer's message and must not wait.
   */
  current(): readonly AutoReplyRule[];
  get(id: string): Promise<AutoReplyRule | undefined>;
  /** Creates or replaces the rule with `rule.id`; a replaced rule keeps its place. */
  put(rule: AutoReplyRule): Promise<void>;
  remove(id: string): Promise<boolean>;
}

import type { AutoReplyRuleStore } from '../../engine/desk/auto-reply-rule-store.js';
import type { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import type { PackOverrideStore } from '../../knowledge/domain-packs/pack-overrides.js';
import {
  loadActiveSignalModel,
  type LoadActiveSignalModelOptions,
} from '../signals/load-active-signal-model.js';

export interface LeadRefreshOptions {
  signalModel: Omit<LoadActiveSignalModelOptions, 'configured'>;
  autoReplyRules: AutoReplyRuleStore & { refresh?: () => Promise<unknown> };
  packOverrides: PackOverrideStore;
  knowledgeBase: Pick<KnowledgeBase, 'rebuild'>;
}

/**
 * What a follower holds in memory may have changed on the old leader while it followed: the active signal
 * model, the auto-reply rules and the domain-pack edits (knowledge entries and accounts reach every node by
 * change notices). Returns the function a new leader calls before it serves: it reloads the first two and,
 * when a pack was edited since this node started, rebuilds the matcher (without waiting for it: questions
 * asked meanwhile wait for the new index, as on any rebuild).
 */
export async function refreshOnLead(options: LeadRefreshOptions): Promise<() => Promise<void>> {
  const latestPackVersion = async () => (await options.packOverrides.versions({ limit: 1 }))[0]?.versionId;
  const packVersionAtStart = await latestPackVersion();
  return async () => {
    await loadActiveSignalModel(options.signalModel);
    await options.autoReplyRules.refresh?.();
    if ((await latestPackVersion()) !== packVersionAtStart)
      void options.knowledgeBase.rebuild().catch(() => undefined);
  };
}

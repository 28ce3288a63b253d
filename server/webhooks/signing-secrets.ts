import type { StoredWebhookSubscription } from './webhook-subscription.js';

/**
 * The secrets a delivery at `at` is signed with: the current one, then, during a rotation's grace period,
 * the one it replaced, so a receiver still holding the old secret keeps verifying until it is updated.
 */
export function signingSecretsAt(subscription: StoredWebhookSubscription, at: Date): string[] {
  const previous = subscription.previousSecret;
  return previous && Date.parse(previous.expiresAt) > at.getTime()
    ? [subscription.secret, previous.secret]
    : [subscription.secret];
}

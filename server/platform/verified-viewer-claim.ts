import { decodeJwt } from 'jose';
import {
  platformViewerId,
  toVerifiedViewer,
  VerifiedViewerSchema,
  type VerifiedViewer,
} from './verified-identity.js';

/** The viewer token's claim that carries the identity a platform vouched for (server/auth/auth.ts). */
const CLAIM = 'vfy';

/**
 * The viewer token's claim naming the platform signing key that verified the identity, so a join can refuse
 * the token once that key is revoked (server/platform/signing-key-states.ts).
 */
export const VERIFYING_KEY_CLAIM = 'vkid';

/** The claims to add to a viewer token's payload; nothing for an anonymous viewer. */
export function verifiedViewerClaim(
  verified: VerifiedViewer | undefined,
  keyId?: string,
): { [CLAIM]?: VerifiedViewer; [VERIFYING_KEY_CLAIM]?: string } {
  if (verified === undefined) return {};
  return {
    [CLAIM]: toVerifiedViewer(VerifiedViewerSchema.parse(verified)),
    ...(keyId === undefined ? {} : { [VERIFYING_KEY_CLAIM]: keyId }),
  };
}

/**
 * The verified identity in a viewer token whose signature was already checked (only call it then), or
 * undefined: none, malformed, or not the identity the token's viewer id was made from.
 */
export function readVerifiedViewerClaim(token: string, viewerId: string): VerifiedViewer | undefined {
  let claim: unknown;
  try {
    claim = decodeJwt(token)[CLAIM];
  } catch {
    return undefined;
  }
  if (claim === undefined) return undefined;
  const parsed = VerifiedViewerSchema.safeParse(claim);
  if (!parsed.success) return undefined;
  return platformViewerId(parsed.data.platformId, parsed.data.userId) === viewerId
    ? toVerifiedViewer(parsed.data)
    : undefined;
}

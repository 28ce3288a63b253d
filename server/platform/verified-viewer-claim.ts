import { decodeJwt } from 'jose';
import {
  platformViewerId,
  toVerifiedViewer,
  VerifiedViewerSchema,
  type VerifiedViewer,
} from './verified-identity.js';

/** The viewer token's claim that carries the identity a platform vouched for (server/auth/auth.ts). */
const CLAIM = 'vfy';

/** The claim to add to a viewer token's payload; nothing for an anonymous viewer. */
export function verifiedViewerClaim(verified: VerifiedViewer | undefined): { [CLAIM]?: VerifiedViewer } {
  return verified === undefined ? {} : { [CLAIM]: toVerifiedViewer(VerifiedViewerSchema.parse(verified)) };
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

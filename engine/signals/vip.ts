import { z } from 'zod';

export const VipConfigSchema = z.object({
  /** Profile tiers that count as VIP, compared case-insensitively. */
  tiers: z.array(z.string().trim().min(1)).default(['vip', 'svip', 'premium', 'platinum', 'diamond']),
});
export type VipConfig = z.infer<typeof VipConfigSchema>;

export interface TierProfile {
  tier?: string | undefined;
}

/** Whether the viewer's tier is a VIP one. */
export function isVip(profile: TierProfile | undefined, config: VipConfig): boolean {
  const tier = profile?.tier?.trim().toLowerCase();
  return tier !== undefined && tier !== '' && config.tiers.some((vip) => vip.toLowerCase() === tier);
}

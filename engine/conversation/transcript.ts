import type { Locale } from '../../knowledge/entry.js';

export type Speaker = 'viewer' | 'assistant' | 'agent' | 'system';

/** One line of what was said, as the viewer saw or heard it. */
export interface TranscriptLine {
  at: string;
  speaker: Speaker;
  text: string;
  turnId?: string | undefined;
  agentId?: string | undefined;
  channel?: 'text' | 'voice' | undefined;
  /** The answer was cut off: `text` is what was delivered before the interruption. */
  interrupted?: boolean | undefined;
  entryIds?: string[] | undefined;
}

export interface ViewerProfile {
  viewerId: string;
  tier: 'regular' | 'vip';
  locale?: Locale | undefined;
  displayName?: string | undefined;
  /**
   * The viewer chose `displayName` themselves (the token named nobody): shown to agents as self-named,
   * never as a name the platform vouches for.
   */
  selfNamed?: boolean | undefined;
  /** The platform vouched for this viewer with a signed identity (issue 15); absent: anonymous. */
  verified?:
    | {
        platformId: string;
        userId: string;
        vipLevel?: number | undefined;
        attributes?: Record<string, string | number | boolean> | undefined;
      }
    | undefined;
}

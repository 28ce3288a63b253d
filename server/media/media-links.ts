import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';

/** Fresh signed links for a media message, added as it is sent (never stored): the file, and an image's preview. */
export interface MediaLinks {
  url: string;
  thumbUrl?: string | undefined;
}

export type MediaLinker = (event: Extract<ConversationEvent, { type: 'media-message' }>) => MediaLinks;

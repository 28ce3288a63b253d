import type { MediaBlobStore } from '../../engine/media/media-blob-store.js';
import type { MediaRecordStore } from '../../engine/media/media-record.js';
import type { MediaLinker } from './media-links.js';
import type { MediaUrlSigner } from './media-url-signer.js';

/** Links for a media message: the file, and for images and stickers their preview. */
export function mediaLinker(signer: MediaUrlSigner): MediaLinker {
  return (event) => {
    const url = signer.sign(event.mediaId, 'full').url;
    if (event.kind !== 'image' && event.kind !== 'sticker') return { url };
    return { url, thumbUrl: signer.sign(event.mediaId, 'thumb').url };
  };
}

/** Removes a blob unless a record still points at it (content addressing shares blobs between records). */
export async function dropIfUnreferenced(
  parts: { records: MediaRecordStore; blobs: MediaBlobStore },
  key: string,
): Promise<void> {
  if (!(await parts.records.referencesKey(key))) await parts.blobs.delete(key);
}

/** Erasure: the conversations' media records go, and every blob no record points at any more. */
export async function eraseConversationMedia(
  parts: { records: MediaRecordStore; blobs: MediaBlobStore },
  conversationIds: readonly string[],
): Promise<number> {
  const removed = await parts.records.deleteByConversations(conversationIds);
  const keys = new Set(
    removed.flatMap((record) =>
      record.thumbKey ? [record.contentKey, record.thumbKey] : [record.contentKey],
    ),
  );
  for (const key of keys) await dropIfUnreferenced(parts, key);
  return removed.length;
}

import { z } from 'zod';

/** What a media message is, as the chat shows it. */
export const MediaKindSchema = z.enum(['image', 'sticker', 'voice', 'file']);
export type MediaKind = z.infer<typeof MediaKindSchema>;

/** Who sent a media message. */
export const MediaUploaderSchema = z.enum(['viewer', 'agent']);
export type MediaUploader = z.infer<typeof MediaUploaderSchema>;

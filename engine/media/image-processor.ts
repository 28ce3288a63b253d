/** An image re-encoded without its metadata, with a small WebP preview. */
export interface ProcessedImage {
  bytes: Uint8Array;
  mime: string;
  width: number;
  height: number;
  /** At most 320 px on its longer side. */
  thumbnail: Uint8Array;
  animated: boolean;
}

export type ImageProcessing =
  | { ok: true; image: ProcessedImage }
  | { ok: false; reason: 'invalid' | 'too_large' | 'busy'; message: string };

/** Cleans and previews images (adapters/media/sharp-image-processor.ts). Throws for bytes it cannot decode. */
export interface ImageProcessor {
  process(bytes: Uint8Array, options: { signal?: AbortSignal | undefined }): Promise<ImageProcessing>;
}

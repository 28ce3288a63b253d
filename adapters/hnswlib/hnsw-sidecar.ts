import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { LivedeskError } from '../../knowledge/errors.js';
import { writeFileAtomically } from './write-file-atomically.js';

/**
 * What hnswlib's own file does not say: which labels are live (the rest are marked deleted), and
 * a hash of the index file it belongs to, so a crash between the two renames is detected on load.
 */
export const HnswSidecarSchema = z.object({
  format: z.literal('livedesk-hnsw-index'),
  version: z.literal(1),
  space: z.literal('cosine'),
  dimensions: z.number().int().positive(),
  labels: z.array(z.number().int().nonnegative()),
  indexSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type HnswSidecar = z.infer<typeof HnswSidecarSchema>;

export function sidecarPathFor(indexPath: string): string {
  return `${indexPath}.json`;
}

export async function readHnswSidecar(indexPath: string): Promise<HnswSidecar> {
  const sidecarPath = sidecarPathFor(indexPath);
  let text: string;
  try {
    text = await readFile(sidecarPath, 'utf8');
  } catch (error) {
    throw new LivedeskError(
      'conflict',
      `the vector index ${indexPath} has no readable ${sidecarPath} beside it; delete the index file to rebuild it`,
      { cause: error },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new LivedeskError(
      'conflict',
      `${sidecarPath} is not valid JSON; delete it and ${indexPath} to rebuild`,
      {
        cause: error,
      },
    );
  }
  const parsed = HnswSidecarSchema.safeParse(json);
  if (!parsed.success) {
    throw new LivedeskError(
      'conflict',
      `${sidecarPath} is not a Livedesk vector index sidecar (${z.prettifyError(parsed.error)}); delete it and ${indexPath} to rebuild`,
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

export async function writeHnswSidecar(indexPath: string, sidecar: HnswSidecar): Promise<void> {
  await writeFileAtomically(sidecarPathFor(indexPath), (temporaryPath) =>
    writeFile(temporaryPath, `${JSON.stringify(sidecar)}\n`, 'utf8'),
  );
}

export async function hashFile(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

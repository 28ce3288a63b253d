import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { z } from 'zod';

const REPOSITORY_ROOT = path.resolve(import.meta.dirname, '../..');

const WeightSchema = z.object({ importMs: z.number(), heapMiB: z.number(), rssMiB: z.number() });
export type LibraryWeight = z.infer<typeof WeightSchema>;

/**
 * What importing a library costs a fresh process: time to load (WebAssembly compiled, where it has
 * some) and memory kept after a collection. In-process figures would be blurred by what loaded before.
 */
export function weighLibrary(specifier: string): LibraryWeight | undefined {
  const program = `
    globalThis.gc();
    const before = process.memoryUsage();
    const started = performance.now();
    const loaded = await import(${JSON.stringify(specifier)});
    if (typeof loaded.loadModule === 'function') await loaded.loadModule();
    const importMs = performance.now() - started;
    globalThis.gc();
    const after = process.memoryUsage();
    const mib = (bytes) => bytes / 1024 / 1024;
    console.log(JSON.stringify({ importMs, heapMiB: mib(after.heapUsed - before.heapUsed), rssMiB: mib(after.rss - before.rss) }));
  `;
  const child = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', program], {
    cwd: REPOSITORY_ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  const parsed = WeightSchema.safeParse(safeJson(child.stdout.trim().split('\n').at(-1) ?? ''));
  return parsed.success ? parsed.data : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const SDK_FOLDER = path.resolve('sdk');

describe('the @livedesk/sdk package', () => {
  it('builds to ESM with declarations that load in Node without the repository', async () => {
    const outDir = await mkdtemp(path.join(tmpdir(), 'livedesk-sdk-'));
    try {
      await run(
        process.execPath,
        [path.resolve('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', outDir],
        { cwd: SDK_FOLDER },
      );
      const manifest = JSON.parse(await readFile(path.join(SDK_FOLDER, 'package.json'), 'utf8')) as {
        type: string;
        exports: { '.': { types: string; import: string } };
      };
      expect(manifest.type).toBe('module');
      const entry = path.join(outDir, path.relative('./dist', manifest.exports['.'].import));
      const declarations = await readFile(
        path.join(outDir, path.relative('./dist', manifest.exports['.'].types)),
        'utf8',
      );
      expect(declarations).toContain('connect');
      expect(declarations).toContain('LivedeskError');
      const built = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
      expect(typeof built.connect).toBe('function');
      expect(typeof built.LivedeskError).toBe('function');
      // Without a global WebSocket (Node 20) and without the option, a clear typed error.
      if (!('WebSocket' in globalThis)) {
        const connect = built.connect as (options: object) => Promise<unknown>;
        await expect(connect({ baseUrl: 'http://127.0.0.1:9', roomId: 'r' })).rejects.toMatchObject({
          code: 'invalid_request',
        });
      }
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  });
});

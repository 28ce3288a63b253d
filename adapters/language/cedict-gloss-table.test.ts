import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stemmer } from 'stemmer';
import { afterAll, describe, expect, it } from 'vitest';
import { GLOSS_CACHE_FILE, loadCedictGlossTable } from './cedict-gloss-table.js';

describe('CC-CEDICT gloss table', () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'livedesk-glosses-'));
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

  it('glosses the words of the trade in English stems', { timeout: 30_000 }, async () => {
    const table = await loadCedictGlossTable({ cacheDir });
    expect(table?.get('退款')).toContain(stemmer('refund'));
    expect(table?.get('充值')).toContain(stemmer('recharge'));
    expect(table?.get('天气')).toContain(stemmer('weather'));
  });

  it('reuses the cached table on the next load, without the dictionary', { timeout: 30_000 }, async () => {
    const cacheFile = join(cacheDir, GLOSS_CACHE_FILE);
    await loadCedictGlossTable({ cacheDir });
    const written = statSync(cacheFile).mtimeMs;
    const table = await loadCedictGlossTable({ cacheDir, cedictDir: join(cacheDir, 'no-such-package') });
    expect(table?.get('退款')).toContain('refund');
    expect(statSync(cacheFile).mtimeMs).toBe(written);
  });
});

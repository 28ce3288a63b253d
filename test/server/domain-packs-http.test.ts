import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeskServer, type DeskServer } from './desk-server.js';

interface PackList {
  packs: {
    id: string;
    active: boolean;
    groups: {
      id: string;
      enabled: boolean;
      origin: string;
      zh?: { canonical: string; variants: string[] };
    }[];
  }[];
}
interface Change {
  changed: boolean;
  version: { versionId: number; actor: string; before: unknown; after: { enabled: boolean } | null } | null;
}

describe('domain packs over HTTP', () => {
  let server: DeskServer;
  let editor: string;

  beforeAll(async () => {
    server = await startDeskServer({ LIVEDESK_DOMAIN_PACKS: 'general,show' });
    editor = (await server.login('editor')).token;
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  const normalizedQuestion = async (text: string): Promise<string> => {
    const response = await server.request('/api/ask', { method: 'POST', json: { text } });
    expect(response.status).toBe(200);
    return ((await response.json()) as { query: { normalized: string } }).query.normalized;
  };
  const packs = async (): Promise<PackList['packs']> => {
    const response = await server.request('/api/knowledge/domain-packs', { token: editor });
    expect(response.status).toBe(200);
    return ((await response.json()) as PackList).packs;
  };

  it('lists the shipped packs, loaded as configured, and the matcher reads their slang', async () => {
    const listed = await packs();
    expect(listed.map((pack) => [pack.id, pack.active])).toEqual([
      ['general', true],
      ['show', true],
      ['commerce', false],
      ['social', false],
    ]);
    expect(await normalizedQuestion('储值没到帐')).toBe('充值没到账');
  });

  it('disables a group as a versioned edit, re-indexes, and reverts it', async () => {
    const topUp = (await packs())
      .find((pack) => pack.id === 'general')!
      .groups.find((g) => g.id === 'top-up')!;
    const { origin: _origin, ...group } = topUp;
    const put = await server.request('/api/knowledge/domain-packs/general/groups/top-up', {
      method: 'PUT',
      token: editor,
      json: { ...group, enabled: false },
    });
    expect(put.status).toBe(200);
    const change = (await put.json()) as Change;
    expect(change.changed).toBe(true);
    expect(change.version).toMatchObject({ actor: 'editor', before: null, after: { enabled: false } });
    expect(await normalizedQuestion('储值没到帐')).toBe('储值没到账');
    const edited = (await packs())
      .find((pack) => pack.id === 'general')!
      .groups.find((g) => g.id === 'top-up');
    expect(edited).toMatchObject({ origin: 'edited', enabled: false });

    const history = await server.request('/api/knowledge/domain-packs/versions?packId=general', {
      token: editor,
    });
    const { versions } = (await history.json()) as { versions: { versionId: number }[] };
    expect(versions[0]?.versionId).toBe(change.version!.versionId);

    const revert = await server.request(
      `/api/knowledge/domain-packs/versions/${change.version!.versionId}/revert`,
      { method: 'POST', token: editor },
    );
    expect(revert.status).toBe(200);
    expect(await normalizedQuestion('储值没到帐')).toBe('充值没到账');
    const audit = await server.request('/api/audit?action=knowledge.domain-pack.save', {
      token: (await server.login('admin')).token,
    });
    expect(await audit.text()).toContain('general/top-up');
  });

  it('adds a group of its own and refuses what does not fit', async () => {
    const added = await server.request('/api/knowledge/domain-packs/show/groups/my-coins', {
      method: 'PUT',
      token: editor,
      json: { id: 'my-coins', zh: { canonical: '星钻', variants: ['xz币'] } },
    });
    expect(added.status).toBe(200);
    expect(await normalizedQuestion('xz币怎么买')).toBe('星钻怎么买');

    const mismatch = await server.request('/api/knowledge/domain-packs/show/groups/other', {
      method: 'PUT',
      token: editor,
      json: { id: 'my-coins', zh: { canonical: '星钻', variants: [] } },
    });
    expect(mismatch.status).toBe(400);
    const unknown = await server.request('/api/knowledge/domain-packs/nope/groups/x', {
      method: 'PUT',
      token: editor,
      json: { id: 'x', zh: { canonical: '星钻', variants: [] } },
    });
    expect(unknown.status).toBe(404);
    const oneCharacter = await server.request('/api/knowledge/domain-packs/show/groups/x', {
      method: 'PUT',
      token: editor,
      json: { id: 'x', zh: { canonical: '星钻', variants: ['星'] } },
    });
    expect(oneCharacter.status).toBe(400);

    const reset = await server.request('/api/knowledge/domain-packs/show/groups/my-coins', {
      method: 'DELETE',
      token: editor,
    });
    expect(((await reset.json()) as Change).changed).toBe(true);
    expect(await normalizedQuestion('xz币怎么买')).toBe('xz币怎么买');
  });
});

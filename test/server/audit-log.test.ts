import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeskServer, type DeskServer, type StaffMember } from './desk-server.js';

interface AuditRow {
  id: number;
  at: string;
  actorId: string | null;
  actorUsername: string | null;
  action: string;
  outcome: string;
  subject: string | null;
  address: string | null;
  details: Record<string, unknown>;
}

/** Issue 12: staff actions leave a trace that admins, and only admins, can query. */
describe('the audit log of staff actions', () => {
  let server: DeskServer;
  let admin: StaffMember;
  let editor: StaffMember;
  let agent: StaffMember;
  let supervisor: StaffMember;
  let conversationId: string;

  beforeAll(async () => {
    server = await startDeskServer();
    [admin, editor, agent, supervisor] = await Promise.all([
      server.login('admin'),
      server.login('editor'),
      server.login('agent'),
      server.login('supervisor'),
    ]);
    const viewer = await server.connectViewer();
    ({ conversationId } = await viewer.join({
      token: (await server.viewerToken({ roomId: 'room-a' })).token,
    }));
    viewer.send({ type: 'message', text: '我的邮箱是 fan@example.com，金币没到账' });
    await viewer.waitForEvent('viewer-message');
  });
  afterAll(async () => {
    await server.close();
  });

  async function audit(query: string, token = admin.token): Promise<AuditRow[]> {
    const response = await server.request(`/api/audit?${query}`, { token });
    expect(response.status).toBe(200);
    return ((await response.json()) as { entries: AuditRow[] }).entries;
  }

  it('is for admins only: agents, supervisors and editors get 403, anonymous callers 401', async () => {
    for (const member of [agent, supervisor, editor])
      expect((await server.request('/api/audit', { token: member.token })).status).toBe(403);
    expect((await server.request('/api/audit')).status).toBe(401);
    expect((await server.request('/api/audit?limit=0', { token: admin.token })).status).toBe(400);
    expect((await server.request('/api/audit?action=DROP%20TABLE', { token: admin.token })).status).toBe(400);
  });

  it('records sign-ins, including failed ones, with the username tried', async () => {
    expect(
      (await server.request('/api/auth/login', { json: { username: 'agent', password: 'nope' } })).status,
    ).toBe(401);
    const rows = await audit('action=auth.login&limit=50');
    expect(rows.find((row) => row.outcome === 'failure')).toMatchObject({ subject: 'agent', actorId: null });
    expect(rows.find((row) => row.outcome === 'success' && row.subject === 'editor')).toMatchObject({
      actorId: editor.userId,
      actorUsername: 'editor',
    });
    expect(rows.every((row) => typeof row.address === 'string' && row.address !== '')).toBe(true);
  });

  it('records a failed sign-in under the account it names, or as unknown without the text typed', async () => {
    const tries = [
      '  AGENT ',
      'my-secret-password-typed-here',
      'my-secret-password-typed-here',
      'evil\n{"action":"user.delete"}\u0000',
      'x'.repeat(120),
    ];
    for (const username of tries) {
      const response = await server.request('/api/auth/login', { json: { username, password: 'nope' } });
      expect(response.status).toBe(401);
    }
    const failures = (await audit('action=auth.login&outcome=failure&limit=50'))
      .slice(0, tries.length)
      .reverse();
    expect(failures[0]).toMatchObject({ subject: 'agent', actorId: null, details: { account: 'exists' } });
    for (const row of failures.slice(1)) {
      expect(row.subject).toBeNull();
      expect(row.details).toMatchObject({
        account: 'unknown',
        usernameFingerprint: expect.any(String) as string,
      });
    }
    // The same unknown name typed twice has one fingerprint; another name another.
    const fingerprints = failures.slice(1).map((row) => row.details['usernameFingerprint']);
    expect(fingerprints[0]).toBe(fingerprints[1]);
    expect(new Set(fingerprints).size).toBe(3);
    const written = JSON.stringify(failures);
    expect(written).not.toContain('my-secret-password');
    expect(written).not.toContain('evil');
    expect(written).not.toContain('xxxxxxxx');
  });

  it('records account changes: creation, a role change with the role before, a new password (never its value), deletion', async () => {
    const created = await server.request('/api/users', {
      token: admin.token,
      json: { username: 'temp.audit', name: 'Temp', role: 'supervisor', password: 'temp-password-1' },
    });
    const { user } = (await created.json()) as { user: { id: string } };
    const patch = (json: unknown) =>
      server.request(`/api/users/${user.id}`, { method: 'PATCH', token: admin.token, json });
    expect((await patch({ role: 'agent' })).status).toBe(200);
    expect((await patch({ password: 'secret-password-2' })).status).toBe(200);
    expect(
      (await server.request(`/api/users/${user.id}`, { method: 'DELETE', token: admin.token })).status,
    ).toBe(200);
    const rows = (await audit('action=user&actor=admin')).reverse();
    expect(rows.map((row) => row.action)).toEqual([
      'user.create',
      'user.update',
      'user.update',
      'user.delete',
    ]);
    expect(rows[1]).toMatchObject({
      subject: user.id,
      actorUsername: 'admin',
      details: { roleBefore: 'supervisor', changed: { role: 'agent' } },
    });
    expect(rows[2]!.details['changed']).toEqual({ password: '(new)' });
    expect(JSON.stringify(rows)).not.toContain('secret-password-2');
    expect(JSON.stringify(rows)).not.toContain('temp-password-1');
  });

  it('records knowledge edits: entries, synonyms, import, rollback, export', async () => {
    const put = await server.request('/api/knowledge/entries/audit.entry', {
      method: 'PUT',
      token: editor.token,
      json: {
        id: 'audit.entry',
        locale: 'en',
        questions: ['where is the audit button'],
        answer: 'Tap audit.',
      },
    });
    const { version } = (await put.json()) as { version: { versionId: number } };
    await server.request(`/api/knowledge/versions/${version.versionId}/revert`, {
      method: 'POST',
      token: admin.token,
    });
    await server.request('/api/knowledge/synonyms', {
      method: 'PUT',
      token: editor.token,
      json: { term: 'coinz', canonical: 'coins' },
    });
    await server.request('/api/knowledge/synonyms?term=coinz', { method: 'DELETE', token: editor.token });
    const imported = await fetch(`${server.baseUrl}/api/knowledge/import?format=jsonl`, {
      method: 'POST',
      headers: { authorization: `Bearer ${editor.token}`, 'content-type': 'text/plain' },
      body: `${JSON.stringify({ id: 'audit.two', locale: 'en', questions: ['audit two'], answer: 'Two.' })}\n`,
    });
    expect(imported.status).toBe(200);
    await server.request('/api/knowledge/entries/audit.two', { method: 'DELETE', token: editor.token });
    expect((await server.request('/api/knowledge/export?format=csv', { token: editor.token })).status).toBe(
      200,
    );

    const rows = (await audit('action=knowledge')).reverse();
    expect(rows.map((row) => [row.action, row.actorUsername, row.subject])).toEqual([
      ['knowledge.entry.save', 'editor', 'audit.entry'],
      ['knowledge.rollback', 'admin', String(version.versionId)],
      ['knowledge.synonym.save', 'editor', null],
      ['knowledge.synonym.delete', 'editor', 'coinz'],
      ['knowledge.import', 'editor', null],
      ['knowledge.entry.delete', 'editor', 'audit.two'],
      ['knowledge.export', 'editor', null],
    ]);
    expect(rows.at(-1)!.details).toMatchObject({ status: 200, query: { format: 'csv' } });
    // Filters combine: one actor, one action.
    expect((await audit('action=knowledge&actor=admin')).map((row) => row.action)).toEqual([
      'knowledge.rollback',
    ]);
    expect(await audit(`action=knowledge&actor=${editor.userId}&limit=2`)).toHaveLength(2);
  });

  it('records reveals of a viewer’s words and CSV exports, and a refused reveal', async () => {
    expect(
      (await server.request(`/api/conversations/${conversationId}`, { token: supervisor.token })).status,
    ).toBe(200);
    // The agent never held it: refused, and the attempt is on record.
    expect(
      (await server.request(`/api/conversations/${conversationId}`, { token: agent.token })).status,
    ).toBe(403);
    const range = `from=${encodeURIComponent('2026-01-01T00:00:00Z')}&to=${encodeURIComponent('2027-01-01T00:00:00Z')}`;
    expect(
      (await server.request(`/api/analytics/response-times?${range}&format=csv`, { token: supervisor.token }))
        .status,
    ).toBe(200);
    // The same figures as JSON are not an export.
    await server.request(`/api/analytics/response-times?${range}`, { token: supervisor.token });

    const reveals = await audit('action=conversation.reveal');
    expect(reveals.map((row) => [row.actorUsername, row.outcome, row.subject])).toEqual([
      ['agent', 'refused', conversationId],
      ['supervisor', 'success', conversationId],
    ]);
    const exports = await audit('action=analytics.export');
    expect(exports).toHaveLength(1);
    expect(exports[0]).toMatchObject({ actorUsername: 'supervisor', subject: 'response-times' });
  });

  it('filters by time and pages newest first', async () => {
    const all = await audit('limit=1000');
    expect(all.length).toBeGreaterThan(5);
    expect(all.map((row) => row.id)).toEqual([...all.map((row) => row.id)].sort((a, b) => b - a));
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect(await audit(`since=${encodeURIComponent(future)}`)).toEqual([]);
    expect(await audit(`until=${encodeURIComponent(all.at(-1)!.at)}`)).toEqual([]);
    const page = await server.request('/api/audit?limit=3', { token: admin.token });
    const first = (await page.json()) as { entries: AuditRow[]; nextBefore: number | null };
    expect(first.entries).toHaveLength(3);
    const second = await audit(`limit=3&before=${first.nextBefore}`);
    expect(second[0]!.id).toBeLessThan(first.entries[2]!.id);
    expect(second.map((row) => row.id)).toEqual(all.slice(3, 6).map((row) => row.id));
  });
});

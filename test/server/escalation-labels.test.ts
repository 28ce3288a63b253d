import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignalLabelCountsSchema } from '../../server/http/signal-training-routes.js';
import type { EscalationLabelViewSchema } from '../../server/http/escalation-label-routes.js';
import type { z } from 'zod';
import { startDeskServer, type DeskServer, type StaffMember } from './desk-server.js';

type Counts = z.infer<typeof SignalLabelCountsSchema>;
type LabelView = z.infer<typeof EscalationLabelViewSchema>;

describe('the desk’s own labels for the signals', () => {
  let server: DeskServer;
  let alice: StaffMember;
  let bob: StaffMember;
  let editor: string;
  let supervisor: string;
  let conversationId: string;

  beforeAll(async () => {
    server = await startDeskServer();
    alice = await server.createStaff({ username: 'alice', role: 'agent', teams: ['support'], capacity: 2 });
    bob = await server.createStaff({ username: 'bob', role: 'agent', teams: ['support'], capacity: 2 });
    editor = (await server.login('editor')).token;
    supervisor = (await server.login('supervisor')).token;
  });
  afterAll(async () => {
    await server?.close();
  });

  const counts = async (): Promise<Counts> =>
    (await (await server.request('/api/signals/labels', { token: editor })).json()) as Counts;
  const deskRequests = async () =>
    (await counts()).signals.find((count) => count.signal === 'human_request')?.desk;
  const labelPath = () => `/api/conversations/${conversationId}/escalation-label`;
  const label = async (token: string): Promise<LabelView | null> =>
    ((await (await server.request(labelPath(), { token })).json()) as { label: LabelView | null }).label;

  it('keeps an escalation that reached an agent as a positive case, the viewer’s number masked', async () => {
    const viewer = await server.connectViewer();
    const { token } = await server.viewerToken({ roomId: 'room-a', locale: 'zh' });
    ({ conversationId } = await viewer.join({ token }));
    viewer.send({ type: 'message', text: '我要人工，回电13812345678' });
    await viewer.waitForEvent('state-change', { where: (event) => event.to === 'pending_human' });
    // Queued, not yet with anyone: nothing is learned from it.
    expect((await counts()).desk.labels).toBe(0);

    const console = await server.connectAgent();
    await console.authenticate(alice.token);
    await console.waitForType('assignment', { where: (frame) => frame.conversationId === conversationId });
    expect(await console.command({ type: 'accept', conversationId })).toMatchObject({ type: 'ack' });

    await expect.poll(async () => (await counts()).desk.labels).toBe(1);
    expect(await deskRequests()).toEqual({ positives: 1, negatives: 0 });
    expect(await label(alice.token)).toMatchObject({
      signals: ['human_request'],
      reachedAgentId: alice.userId,
      marks: [],
      markedByMe: false,
    });
    const text = (await label(alice.token))?.text ?? '';
    expect(text).toContain('我要人工');
    expect(text).not.toContain('13812345678');
  });

  it('turns it into a negative case when the agent marks it, once, and back when they undo it', async () => {
    const mark = (token: string, json: unknown) =>
      server.request(`${labelPath()}/mark`, { method: 'PUT', token, json });
    const marked = await mark(alice.token, { note: '只是随口一问' });
    expect(marked.status).toBe(200);
    const first = ((await marked.json()) as { label: LabelView }).label;
    expect(first).toMatchObject({
      markedByMe: true,
      marks: [{ agentId: alice.userId, note: '只是随口一问' }],
    });
    expect(await deskRequests()).toEqual({ positives: 0, negatives: 1 });
    expect((await counts()).desk.marked).toBe(1);

    // Sent again: the same mark, not a second one.
    const again = ((await (await mark(alice.token, { note: '只是随口一问' })).json()) as { label: LabelView })
      .label;
    expect(again.marks).toEqual(first.marks);

    // Bad input and strangers change nothing.
    expect((await mark(alice.token, { note: 42 })).status).toBe(400);
    expect((await mark(bob.token, {})).status).toBe(403);
    expect((await server.request(labelPath(), { token: bob.token })).status).toBe(403);
    const unknown = await server.request('/api/conversations/no-such-conversation/escalation-label/mark', {
      method: 'PUT',
      token: supervisor,
      json: {},
    });
    expect(unknown.status).toBe(404);
    expect((await label(alice.token))?.marks).toEqual(first.marks);

    const undone = await server.request(`${labelPath()}/mark`, { method: 'DELETE', token: alice.token });
    expect(undone.status).toBe(200);
    expect(((await undone.json()) as { label: LabelView }).label).toMatchObject({
      markedByMe: false,
      marks: [],
    });
    expect(await deskRequests()).toEqual({ positives: 1, negatives: 0 });
  });
});

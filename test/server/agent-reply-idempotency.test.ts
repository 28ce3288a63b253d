import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentServerFrame } from '../../server/realtime/agent-frames.js';
import { databasePath } from '../../server/knowledge-runtime.js';
import type { AgentTestClient } from './agent-test-client.js';
import { startDeskServer, type DeskServer, type StaffMember } from './desk-server.js';

const servers: DeskServer[] = [];
const folders: string[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function start(dataDir: string): Promise<DeskServer> {
  // Our own data folder (the helper's default is removed on close), so a restart finds the same log.
  const server = await startDeskServer({ LIVEDESK_DATA_DIR: dataDir, LIVEDESK_OFFER_TIMEOUT_MS: '600000' });
  servers.push(server);
  return server;
}

type AckOrError = Extract<AgentServerFrame, { type: 'ack' | 'error' }>;

/** Sends a reply with this id and resolves to its ack or error. */
async function reply(
  console: AgentTestClient,
  conversationId: string,
  text: string,
  clientMessageId: string,
): Promise<AckOrError> {
  const from = console.mark();
  console.send({ type: 'reply', conversationId, text, clientMessageId });
  return (await console.waitFor(
    (frame) => (frame.type === 'ack' || frame.type === 'error') && frame.clientMessageId === clientMessageId,
    from,
  )) as AckOrError;
}

/** The agent messages the log holds for a conversation, read from the SQLite file itself. */
function storedReplies(dataDir: string, conversationId: string): string[] {
  const database = new Database(databasePath({ dataDir }), { readonly: true });
  try {
    const rows = database
      .prepare(
        "SELECT body FROM conversation_events WHERE conversation_id = ? AND type = 'agent-message' ORDER BY sequence",
      )
      .all(conversationId) as { body: string }[];
    return rows.map((row) => (JSON.parse(row.body) as { text: string }).text);
  } finally {
    database.close();
  }
}

/** A viewer asks for a person and `agent` accepts the offer. */
async function heldConversation(server: DeskServer, agent: StaffMember) {
  const viewer = await server.connectViewer();
  const { token } = await server.viewerToken({ roomId: 'room-r', locale: 'zh' });
  const { conversationId } = await viewer.join({ token });
  viewer.send({ type: 'message', text: '我要人工', clientMessageId: 'v-1' });
  const console = await server.connectAgent();
  await console.authenticate(agent.token);
  await console.waitForType('assignment', { where: (frame) => frame.conversationId === conversationId });
  expect(await console.command({ type: 'accept', conversationId })).toMatchObject({ type: 'ack' });
  await viewer.waitForEvent('state-change', { where: (event) => event.to === 'human' });
  return { viewer, console, conversationId };
}

describe('a resent agent reply is stored once', () => {
  it('answers the same id with the original ack on the same socket, on a new socket and after a restart', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'livedesk-agent-reply-'));
    folders.push(dataDir);
    const server = await start(dataDir);
    const alice = await server.createStaff({ username: 'alice', role: 'agent', teams: ['support'] });
    const { viewer, console, conversationId } = await heldConversation(server, alice);

    const first = await reply(console, conversationId, '您好，我来帮您', 'r-1');
    expect(first.type).toBe('ack');
    const firstSequence = first.type === 'ack' ? first.sequence : undefined;
    expect(firstSequence).toBeGreaterThan(0);
    // Again on the same socket, and twice back to back before any ack: one message each.
    expect(await reply(console, conversationId, '您好，我来帮您', 'r-1')).toEqual(first);
    console.send({ type: 'reply', conversationId, text: '请稍等', clientMessageId: 'r-2' });
    const second = await reply(console, conversationId, '请稍等', 'r-2');
    expect(second.type).toBe('ack');

    // The console lost its socket before the ack and resends on a new one.
    await console.close();
    const reconnected = await server.connectAgent();
    await reconnected.authenticate(alice.token);
    expect(await reply(reconnected, conversationId, '您好，我来帮您', 'r-1')).toEqual(first);
    expect(await reply(reconnected, conversationId, '请稍等', 'r-2')).toEqual(second);
    // A new id is a new reply.
    expect(await reply(reconnected, conversationId, '已经处理好了', 'r-3')).toMatchObject({ type: 'ack' });
    await viewer.waitForEvent('agent-message', { where: (event) => event.text === '已经处理好了' });
    expect(storedReplies(dataDir, conversationId)).toEqual(['您好，我来帮您', '请稍等', '已经处理好了']);
    // The viewer saw each once, without the console's id.
    const seen = viewer.frames.flatMap((frame) =>
      frame.type === 'event' && frame.event.type === 'agent-message' ? [frame.event] : [],
    );
    expect(seen.map((event) => event.text)).toEqual(['您好，我来帮您', '请稍等', '已经处理好了']);
    expect(seen.every((event) => !('clientMessageId' in event))).toBe(true);

    // After a restart the rebuilt conversation still knows the reply.
    await server.close();
    servers.splice(servers.indexOf(server), 1);
    const restarted = await start(dataDir);
    const again = await restarted.login('alice', 'desk-test-password');
    const afterRestart = await restarted.connectAgent();
    await afterRestart.authenticate(again.token);
    expect(await reply(afterRestart, conversationId, '您好，我来帮您', 'r-1')).toEqual(first);
    expect(storedReplies(dataDir, conversationId)).toEqual(['您好，我来帮您', '请稍等', '已经处理好了']);
  }, 240_000);

  it('stores a reply that was refused before when it is sent again once it is allowed', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'livedesk-agent-reply-'));
    folders.push(dataDir);
    const server = await start(dataDir);
    const bob = await server.createStaff({ username: 'bob', role: 'agent', teams: ['support'] });
    const viewer = await server.connectViewer();
    const { token } = await server.viewerToken({ roomId: 'room-r', locale: 'zh' });
    const { conversationId } = await viewer.join({ token });
    viewer.send({ type: 'message', text: '我要人工', clientMessageId: 'v-1' });
    const console = await server.connectAgent();
    await console.authenticate(bob.token);
    await console.waitForType('assignment', { where: (frame) => frame.conversationId === conversationId });
    // Only offered, not accepted: the reply is refused and nothing is remembered for its id.
    expect(await reply(console, conversationId, '在的', 'r-early')).toMatchObject({ type: 'error' });
    expect(await console.command({ type: 'accept', conversationId })).toMatchObject({ type: 'ack' });
    expect(await reply(console, conversationId, '在的', 'r-early')).toMatchObject({ type: 'ack' });
    await viewer.waitForEvent('agent-message', { where: (event) => event.text === '在的' });
    expect(storedReplies(dataDir, conversationId)).toEqual(['在的']);
  }, 120_000);
});

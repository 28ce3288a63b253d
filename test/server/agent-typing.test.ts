import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { databasePath } from '../../server/knowledge-runtime.js';
import { startDeskServer, type DeskServer, type StaffMember } from './desk-server.js';

const servers: DeskServer[] = [];
const folders: string[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** The event types the conversation's log holds, read from the SQLite file itself. */
function storedTypes(dataDir: string, conversationId: string): string[] {
  const database = new Database(databasePath({ dataDir }), { readonly: true });
  try {
    const rows = database
      .prepare('SELECT type FROM conversation_events WHERE conversation_id = ? ORDER BY sequence')
      .all(conversationId) as { type: string }[];
    return rows.map((row) => row.type);
  } finally {
    database.close();
  }
}

/** A viewer asks for a person and `agent` accepts the offer. */
async function heldConversation(server: DeskServer, agent: StaffMember) {
  const viewer = await server.connectViewer();
  const { token } = await server.viewerToken({ roomId: 'room-t', locale: 'zh' });
  const { conversationId } = await viewer.join({ token });
  viewer.send({ type: 'message', text: '我要人工', clientMessageId: 'v-1' });
  const console = await server.connectAgent();
  await console.authenticate(agent.token);
  await console.waitForType('assignment', { where: (frame) => frame.conversationId === conversationId });
  expect(await console.command({ type: 'accept', conversationId })).toMatchObject({ type: 'ack' });
  await viewer.waitForEvent('state-change', { where: (event) => event.to === 'human' });
  return { viewer, console, conversationId };
}

describe('an agent’s typing reaches the viewer, live only', () => {
  it(
    'tells the viewer who joined, relays typing from the holder only, throttled, and stores none of it',
    { timeout: 90_000 },
    async () => {
      // Our own data folder, to read the log's file.
      const dataDir = mkdtempSync(path.join(tmpdir(), 'livedesk-agent-typing-'));
      folders.push(dataDir);
      const server = await startDeskServer({
        LIVEDESK_DATA_DIR: dataDir,
        LIVEDESK_OFFER_TIMEOUT_MS: '600000',
      });
      servers.push(server);
      const alice = await server.createStaff({ username: 'alice', role: 'agent', teams: ['support'] });
      const { viewer, console, conversationId } = await heldConversation(server, alice);

      // The stored acceptance, reduced for the viewer: who took the conversation, by their account's name.
      const joined = await viewer.waitForEvent('agent-joined');
      expect(joined.event).toMatchObject({ type: 'agent-joined', agentId: alice.userId, agentName: 'alice' });
      expect(Object.keys(joined.event).sort()).toEqual(['agentId', 'agentName', 'at', 'type']);
      expect(joined.sequence).toEqual(expect.any(Number));

      // Typing, repeated at once (a console sending on every key), then a stop: the viewer gets the change
      // twice, the repeat held back, none with a sequence.
      const from = viewer.mark();
      console.send({ type: 'typing', conversationId, active: true });
      console.send({ type: 'typing', conversationId, active: true });
      console.send({ type: 'typing', conversationId, active: true });
      console.send({ type: 'typing', conversationId, active: false });
      await viewer.waitForEvent('agent-typing', { from, where: (event) => !event.active });
      await console.roundTrip();
      const typing = viewer.events(from).filter((frame) => frame.event.type === 'agent-typing');
      expect(typing).toEqual([
        { type: 'event', event: { type: 'agent-typing', active: true } },
        { type: 'event', event: { type: 'agent-typing', active: false } },
      ]);

      // Another agent, who does not hold it, may not; a malformed frame is refused; neither reaches the viewer.
      const bob = await server.createStaff({ username: 'bob', role: 'agent', teams: ['support'] });
      const other = await server.connectAgent();
      await other.authenticate(bob.token);
      const refused = other.mark();
      other.send({ type: 'typing', conversationId, active: true });
      expect(
        await other.waitForType('error', { from: refused, where: (frame) => frame.code === 'forbidden' }),
      ).toMatchObject({ code: 'forbidden' });
      const malformed = console.mark();
      console.send({ type: 'typing', conversationId, active: 'yes' });
      expect(await console.waitForType('error', { from: malformed })).toMatchObject({
        code: 'invalid_frame',
      });

      // A console that goes away mid-sentence stops its typing for the viewer.
      const beforeClose = viewer.mark();
      console.send({ type: 'typing', conversationId, active: true });
      await viewer.waitForEvent('agent-typing', { from: beforeClose, where: (event) => event.active });
      await console.close();
      await viewer.waitForEvent('agent-typing', { from: beforeClose, where: (event) => !event.active });
      await viewer.roundTrip();
      expect(
        viewer.events(from).filter((frame) => frame.event.type === 'agent-typing' && frame.event.active),
      ).toHaveLength(2);

      // Never in the log: the acceptance is, typing is not.
      const types = storedTypes(dataDir, conversationId);
      expect(types).toContain('desk');
      expect(types).not.toContain('agent-typing');
    },
  );
});

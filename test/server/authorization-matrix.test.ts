import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentFrameSchema, type AgentServerFrame } from '../../server/realtime/agent-frames.js';
import type { AgentTestClient } from './agent-test-client.js';
import { startDeskServer, type DeskServer, type StaffMember } from './desk-server.js';
import type { ViewerTestClient } from './viewer-test-client.js';

/**
 * Who may call what, for every route in the OpenAPI document and every agent frame in the frame schema,
 * against the real server with a real conversation. A route or frame without an entry in the tables below
 * fails this test, so a new one cannot ship without a rule. The conversation rule itself lives in
 * server/desk/conversation-access.ts.
 */

const PRINCIPALS = [
  'anonymous',
  'viewer',
  'agentNever',
  'agentHolder',
  'supervisor',
  'editor',
  'admin',
] as const;
type Principal = (typeof PRINCIPALS)[number];
/** `allowed`: anything but 401/403 (a 400, 404 or 409 from the route itself is fine); `ok`: a 2xx. */
type Outcome = 'allowed' | 'ok' | 401 | 403 | 404;
type Row = Record<Principal, Outcome>;

const PUBLIC: Row = {
  anonymous: 'allowed',
  viewer: 'allowed',
  agentNever: 'allowed',
  agentHolder: 'allowed',
  supervisor: 'allowed',
  editor: 'allowed',
  admin: 'allowed',
};

/**
 * A staff route open to the listed roles and the roles above them (a supervisor does what an agent does,
 * an admin everything); the two agents count as `agent`; other tokens 403, no token 401.
 */
function staff(...roles: ('agent' | 'supervisor' | 'editor' | 'admin')[]): Row {
  const may = (...holders: ('agent' | 'supervisor' | 'editor' | 'admin')[]): Outcome =>
    holders.some((role) => roles.includes(role)) ? 'allowed' : 403;
  return {
    anonymous: 401,
    viewer: 403,
    agentNever: may('agent'),
    agentHolder: may('agent'),
    supervisor: may('agent', 'supervisor'),
    editor: may('editor'),
    admin: 'allowed',
  };
}

/** The inbound platform API: only a platform API key opens it, so every staff and viewer token is a 401. */
const PLATFORM_KEY_ONLY: Row = {
  anonymous: 401,
  viewer: 401,
  agentNever: 401,
  agentHolder: 401,
  supervisor: 401,
  editor: 401,
  admin: 401,
};

/** A route that takes the conversation's (or its ticket's) id: the conversation rule. */
const REACH: Row = {
  anonymous: 401,
  viewer: 403,
  agentNever: 403,
  agentHolder: 'ok',
  supervisor: 'ok',
  editor: 403,
  admin: 'ok',
};
/** The same where a 2xx is not what every allowed caller gets (a second ticket is a 409). */
const REACH_ANY: Row = { ...REACH, agentHolder: 'allowed', supervisor: 'allowed', admin: 'allowed' };

interface Fixtures {
  conversationId: string;
  viewerId: string;
  ticketId: string;
  quickReplyId: string;
  /** An image the holder sent into the conversation, and a signed link to it. */
  mediaId: string;
  mediaUrl: string;
}

interface RouteRule {
  rule: Row;
  url?: (f: Fixtures) => string;
  body?: (f: Fixtures) => unknown;
  /** Extra checks on an allowed answer: what a list shows this principal. */
  inspect?: (principal: Principal, body: string, f: Fixtures) => void;
}

const PII = ['matrix.viewer@example.com', '13812345678'];
const VIEWER_NAME = 'MatrixViewerName';

const ROUTES: Record<string, RouteRule> = {
  'GET /healthz': { rule: PUBLIC },
  'POST /api/auth/login': { rule: PUBLIC },
  'GET /api/auth/me': { rule: staff('agent', 'supervisor', 'editor', 'admin') },
  'POST /api/viewer/session': { rule: PUBLIC },
  'GET /api/widget/config': { rule: PUBLIC },
  'POST /api/viewer/tokens': { rule: staff('admin') },
  'GET /api/users': { rule: staff('admin') },
  'POST /api/users': { rule: staff('admin') },
  'PATCH /api/users/{id}': { rule: staff('admin') },
  'DELETE /api/users/{id}': { rule: staff('admin') },
  'GET /api/audit': { rule: staff('admin') },
  'POST /api/ask': { rule: PUBLIC },
  'GET /api/knowledge/entries': { rule: staff('agent', 'editor') },
  'GET /api/knowledge/entries/{id}': { rule: staff('agent', 'editor') },
  'PUT /api/knowledge/entries/{id}': { rule: staff('editor') },
  'DELETE /api/knowledge/entries/{id}': { rule: staff('editor') },
  'GET /api/knowledge/versions': { rule: staff('agent', 'editor') },
  'POST /api/knowledge/versions/{versionId}/revert': { rule: staff('editor') },
  'GET /api/knowledge/synonyms': { rule: staff('agent', 'editor') },
  'PUT /api/knowledge/synonyms': { rule: staff('editor') },
  'DELETE /api/knowledge/synonyms': { rule: staff('editor') },
  'GET /api/knowledge/domain-packs': { rule: staff('agent', 'editor') },
  'PUT /api/knowledge/domain-packs/{packId}/groups/{groupId}': { rule: staff('editor') },
  'DELETE /api/knowledge/domain-packs/{packId}/groups/{groupId}': { rule: staff('editor') },
  'GET /api/knowledge/domain-packs/versions': { rule: staff('agent', 'editor') },
  'POST /api/knowledge/domain-packs/versions/{versionId}/revert': { rule: staff('editor') },
  'POST /api/knowledge/import': { rule: staff('editor') },
  'GET /api/knowledge/export': { rule: staff('editor') },
  'POST /api/knowledge/search': { rule: staff('agent') },
  'GET /api/platform-keys': {
    rule: staff('admin'),
    inspect: (principal, body) => expect(body, `${principal}: platform key list`).not.toContain('"secret"'),
  },
  'POST /api/platform-keys/signing-keys': { rule: staff('admin') },
  'DELETE /api/platform-keys/signing-keys/{id}': { rule: staff('admin') },
  'POST /api/platform-keys/api-keys': { rule: staff('admin') },
  'DELETE /api/platform-keys/api-keys/{id}': { rule: staff('admin') },
  'POST /api/platform/conversations/{id}/context': {
    rule: PLATFORM_KEY_ONLY,
    url: (f) => `/api/platform/conversations/${f.conversationId}/context`,
    body: () => ({ productInView: 'matrix' }),
  },
  'POST /api/platform/conversations/{id}/events': {
    rule: PLATFORM_KEY_ONLY,
    url: (f) => `/api/platform/conversations/${f.conversationId}/events`,
    body: () => ({ type: 'matrix.note', text: 'matrix' }),
  },
  'GET /api/platform/users/{userId}/conversations': { rule: PLATFORM_KEY_ONLY },
  // The danmaku watch (issue 16): platforms push with a key; moderators (and supervisors, admins) watch rooms.
  'POST /api/platform/rooms/{roomId}/danmaku': {
    rule: PLATFORM_KEY_ONLY,
    url: () => '/api/platform/rooms/matrix-room/danmaku',
    body: () => [{ kind: 'comment', userId: 'matrix', text: 'hello' }],
  },
  'GET /api/rooms': { rule: staff('supervisor') },
  'GET /api/rooms/{platformId}/{roomId}/stream': {
    rule: staff('supervisor'),
    url: () => '/api/rooms/acme/matrix-room/stream',
  },
  'GET /api/room-alerts': { rule: staff('supervisor') },
  'GET /api/room-alerts/stats': { rule: staff('supervisor') },
  'POST /api/room-alerts/{id}/acknowledge': {
    rule: staff('supervisor'),
    url: () => '/api/room-alerts/ra_matrix/acknowledge',
  },
  'POST /api/room-alerts/{id}/suggest': {
    rule: staff('supervisor'),
    url: () => '/api/room-alerts/ra_matrix/suggest',
    body: () => ({ action: 'mute', userId: 'matrix', reason: 'matrix' }),
  },
  'POST /api/room-alerts/{id}/ticket': {
    rule: staff('supervisor'),
    url: () => '/api/room-alerts/ra_matrix/ticket',
    body: () => ({}),
  },
  'POST /api/room-alerts/{id}/conversation': {
    rule: staff('supervisor'),
    url: () => '/api/room-alerts/ra_matrix/conversation',
    body: () => ({ userId: 'matrix' }),
  },
  'GET /api/ticket-departments': { rule: staff('agent') },
  'PUT /api/ticket-departments/{id}': { rule: staff('admin') },
  'GET /api/tools': { rule: staff('editor') },
  'PUT /api/tools/{name}': { rule: staff('admin'), url: () => '/api/tools/matrix_tool' },
  'DELETE /api/tools/{name}': { rule: staff('admin'), url: () => '/api/tools/matrix_missing' },
  'POST /api/tools/{name}/try': { rule: staff('admin'), url: () => '/api/tools/matrix_missing/try' },
  'GET /api/conversations/{id}/commerce': {
    rule: REACH,
    url: (f) => `/api/conversations/${f.conversationId}/commerce`,
  },
  'GET /api/webhooks': {
    rule: staff('admin'),
    inspect: (principal, body) => expect(body, `${principal}: webhook list`).not.toContain('whsec_'),
  },
  'POST /api/webhooks': { rule: staff('admin') },
  'PATCH /api/webhooks/{id}': { rule: staff('admin') },
  'DELETE /api/webhooks/{id}': { rule: staff('admin') },
  'POST /api/webhooks/{id}/rotate-secret': { rule: staff('admin') },
  'GET /api/webhooks/dead-letters': { rule: staff('admin') },
  'POST /api/webhooks/dead-letters/{deliveryId}/retry': { rule: staff('admin') },
  'DELETE /api/webhooks/dead-letters/{deliveryId}': { rule: staff('admin') },
  'POST /api/tickets': {
    // Linking a conversation follows the conversation rule (the body names it).
    rule: { ...REACH, agentHolder: 'allowed', supervisor: 'allowed', admin: 'allowed' },
    body: (f) => ({ title: 'matrix link', conversationId: f.conversationId }),
  },
  'GET /api/tickets': {
    rule: staff('agent'),
    inspect: (principal, body, f) => {
      const shown = body.includes(f.ticketId);
      expect(shown, `${principal} sees the conversation's ticket`).toBe(principal !== 'agentNever');
    },
  },
  'POST /api/conversations/{id}/ticket': {
    rule: REACH_ANY,
    url: (f) => `/api/conversations/${f.conversationId}/ticket`,
  },
  'GET /api/tickets/{id}': { rule: REACH, url: (f) => `/api/tickets/${f.ticketId}` },
  'PATCH /api/tickets/{id}': {
    rule: REACH_ANY,
    url: (f) => `/api/tickets/${f.ticketId}`,
    // A stale version: allowed callers get 409 and nothing changes.
    body: () => ({ expectedVersion: 999, priority: 'high' }),
  },
  'POST /api/tickets/{id}/comments': {
    rule: REACH,
    url: (f) => `/api/tickets/${f.ticketId}/comments`,
    body: () => ({ comment: 'matrix' }),
  },
  'GET /api/conversations/{id}/satisfaction': {
    rule: REACH,
    url: (f) => `/api/conversations/${f.conversationId}/satisfaction`,
  },
  'GET /api/quick-replies': { rule: staff('agent', 'editor') },
  'POST /api/quick-replies': { rule: staff('supervisor', 'editor') },
  'GET /api/quick-replies/{id}': { rule: staff('agent', 'editor') },
  'PUT /api/quick-replies/{id}': { rule: staff('supervisor', 'editor') },
  'DELETE /api/quick-replies/{id}': { rule: staff('supervisor', 'editor') },
  'POST /api/quick-replies/{id}/render': {
    // Rendering reads the conversation's values (the viewer's name): the conversation rule.
    rule: REACH,
    url: (f) => `/api/quick-replies/${f.quickReplyId}/render`,
    body: (f) => ({ conversationId: f.conversationId }),
  },
  'GET /api/auto-replies': { rule: staff('agent', 'editor') },
  'POST /api/auto-replies': { rule: staff('supervisor', 'editor') },
  'GET /api/auto-replies/{id}': { rule: staff('agent', 'editor') },
  'PUT /api/auto-replies/{id}': { rule: staff('supervisor', 'editor') },
  'DELETE /api/auto-replies/{id}': { rule: staff('supervisor', 'editor') },
  'GET /api/desk/queue': {
    // Agents see the queue board (ids, names, positions) to work it; never a transcript.
    rule: staff('agent'),
    inspect: (principal, body) => {
      for (const secret of PII) expect(body, `${principal}: queue snapshot`).not.toContain(secret);
    },
  },
  'GET /api/agents': { rule: staff('supervisor') },
  'PATCH /api/agents/{id}': { rule: staff('supervisor') },
  'GET /api/conversations': {
    rule: staff('agent'),
    inspect: (principal, body, f) => {
      expect(body.includes(f.conversationId), `${principal} lists the conversation`).toBe(
        principal !== 'agentNever',
      );
    },
  },
  'GET /api/conversations/{id}': {
    rule: REACH,
    url: (f) => `/api/conversations/${f.conversationId}`,
    inspect: (principal, body) => {
      for (const secret of PII) expect(body, `${principal}: conversation detail`).not.toContain(secret);
    },
  },
  'POST /api/conversations/{id}/pii/reveal': {
    // A reveal of a span that is not there: allowed callers get 404, and nothing is shown.
    rule: REACH_ANY,
    url: (f) => `/api/conversations/${f.conversationId}/pii/reveal`,
    body: () => ({ sequence: 1, field: 'comment', index: 0, reason: 'verify-identity' }),
  },
  'GET /api/privacy/viewers/{viewerId}/export': {
    rule: staff('admin'),
    url: (f) => `/api/privacy/viewers/${f.viewerId}/export`,
  },
  // An empty body: allowed callers get 400 and nothing is erased.
  'POST /api/privacy/viewers/{viewerId}/erase': {
    rule: staff('admin'),
    url: (f) => `/api/privacy/viewers/${f.viewerId}/erase`,
  },
  'GET /api/privacy/retention': { rule: staff('admin') },
  'POST /api/privacy/retention/run': { rule: staff('admin') },
  // A viewer's own report (an empty body: 400 for the viewer); staff tokens are refused.
  'POST /api/viewer/reports': {
    rule: {
      anonymous: 401,
      viewer: 'allowed',
      agentNever: 403,
      agentHolder: 403,
      supervisor: 403,
      editor: 403,
      admin: 403,
    },
  },
  'GET /api/conversations/{id}/sensitive': {
    rule: REACH,
    url: (f) => `/api/conversations/${f.conversationId}/sensitive`,
  },
  'PUT /api/conversations/{id}/sensitive': {
    rule: { ...staff('supervisor'), supervisor: 'ok', admin: 'ok' },
    url: (f) => `/api/conversations/${f.conversationId}/sensitive`,
    body: () => ({ sensitive: false }),
  },
  'GET /api/viewers/{viewerId}/conversations': {
    rule: staff('agent'),
    url: (f) => `/api/viewers/${f.viewerId}/conversations`,
    inspect: (principal, body, f) => {
      expect(body.includes(f.conversationId), `${principal} lists the viewer's conversation`).toBe(
        principal !== 'agentNever',
      );
    },
  },
  'POST /api/knowledge/report': { rule: staff('editor') },
  'GET /api/knowledge/report': { rule: staff('agent', 'editor') },
  'POST /api/knowledge/report/suggestions/{id}/dismiss': { rule: staff('editor') },
  'POST /api/eval/runs': { rule: staff('editor') },
  'GET /api/eval/runs': { rule: staff('editor') },
  'GET /api/eval/runs/{id}': { rule: staff('editor') },
  'DELETE /api/eval/runs/{id}': { rule: staff('editor') },
  'GET /api/eval/runs/{id}/report.html': { rule: staff('editor') },
  'GET /api/signals/models': { rule: staff('editor') },
  'POST /api/signals/models': { rule: staff('editor') },
  'GET /api/signals/models/{version}': { rule: staff('editor') },
  'PUT /api/signals/active-model': { rule: staff('editor') },
  'GET /api/signals/labels': { rule: staff('editor') },
  'POST /api/signals/training': { rule: staff('editor'), body: () => ({ unknownField: true }) },
  'GET /api/signals/training': { rule: staff('editor') },
  'GET /api/signals/training/{id}': { rule: staff('editor') },
  'DELETE /api/signals/training/{id}': { rule: staff('editor') },
  'GET /api/conversations/{id}/escalation-label': {
    rule: REACH,
    url: (f) => `/api/conversations/${f.conversationId}/escalation-label`,
  },
  'PUT /api/conversations/{id}/escalation-label/mark': {
    rule: REACH_ANY,
    url: (f) => `/api/conversations/${f.conversationId}/escalation-label/mark`,
  },
  'DELETE /api/conversations/{id}/escalation-label/mark': {
    rule: REACH_ANY,
    url: (f) => `/api/conversations/${f.conversationId}/escalation-label/mark`,
  },
  'GET /api/analytics/response-times': { rule: staff('supervisor') },
  'GET /api/analytics/resolution': { rule: staff('supervisor') },
  'GET /api/analytics/satisfaction': { rule: staff('supervisor') },
  'GET /api/analytics/volume': { rule: staff('supervisor') },
  'GET /api/analytics/queue': { rule: staff('supervisor') },
  'GET /api/analytics/agents': { rule: staff('supervisor') },
  'GET /api/analytics/gaps': { rule: staff('editor') },
  'GET /api/knowledge/proposals': { rule: staff('editor') },
  'POST /api/knowledge/proposals/scan': { rule: staff('editor') },
  'POST /api/knowledge/proposals/{id}/approve': { rule: staff('editor') },
  'POST /api/knowledge/proposals/{id}/reject': { rule: staff('editor') },
  // Media (issue 17): the conversation's viewer or the agent holding it sends (a JSON body: 415 for the holder,
  // nothing stored); links follow the conversation rule; the bytes need only a valid signature.
  // A conversation the caller may not reach answers 404, as an unknown one does.
  'POST /api/media': {
    rule: { ...staff(), viewer: 404, agentNever: 404, agentHolder: 'allowed', editor: 404, admin: 403 },
    url: (f) => `/api/media?conversationId=${f.conversationId}`,
  },
  // A media id the caller may not reach answers 404, as an unknown one does (ids cannot be probed).
  'GET /api/media/{mediaId}/url': {
    rule: { ...REACH, viewer: 404, agentNever: 404, editor: 404 },
    url: (f) => `/api/media/${f.mediaId}/url`,
  },
  'GET /media/{mediaId}': {
    rule: { ...PUBLIC, anonymous: 'ok', viewer: 'ok', agentNever: 'ok', editor: 'ok' },
    url: (f) => f.mediaUrl,
  },
  'GET /metrics': { rule: PUBLIC },
  'GET /': { rule: PUBLIC },
  'GET /viewer': { rule: PUBLIC },
  'GET /console': { rule: PUBLIC },
  'GET /admin': { rule: PUBLIC },
  'GET /dashboard': { rule: PUBLIC },
  'GET /rooms': { rule: PUBLIC },
  'GET /assets/{name}': { rule: PUBLIC },
  'GET /widget.js': { rule: PUBLIC },
  'GET /widget-languages.js': { rule: PUBLIC },
  'GET /widget-voice.js': { rule: PUBLIC },
  'GET /embed-demo': { rule: PUBLIC },
};

// Agent frames. `unauthenticated`/`forbidden`: the error code the frame is refused with; `allowed`: no such
// refusal (an ack, an event, or an error such as `conflict` from the desk itself). Viewers' and editors'
// sign-in is refused, so every frame after it is too.
type FrameOutcome = 'allowed' | 'unauthenticated' | 'forbidden';
type FrameRow = Record<Principal, FrameOutcome>;
type SocketPrincipal = 'agentNever' | 'agentHolder' | 'supervisor' | 'admin';

/** What a frame acts on: the shared held conversation, or a fresh one (offered or held) per allowed caller. */
type Target = 'none' | 'held' | 'fresh-offered' | 'fresh-held';

interface FrameRule {
  rule: FrameRow;
  target: Target;
  frame: (conversationId: string) => Record<string, unknown>;
}

function frameRow(allowed: SocketPrincipal[], anonymous: FrameOutcome = 'unauthenticated'): FrameRow {
  const may = (principal: SocketPrincipal): FrameOutcome =>
    allowed.includes(principal) ? 'allowed' : 'forbidden';
  return {
    anonymous,
    viewer: 'unauthenticated',
    editor: 'forbidden',
    agentNever: may('agentNever'),
    agentHolder: may('agentHolder'),
    supervisor: may('supervisor'),
    admin: may('admin'),
  };
}

const EVERY_SIGNED_IN: SocketPrincipal[] = ['agentNever', 'agentHolder', 'supervisor', 'admin'];

const FRAMES: Record<string, FrameRule> = {
  auth: { rule: frameRow(EVERY_SIGNED_IN), target: 'none', frame: () => ({}) },
  ping: { rule: frameRow(EVERY_SIGNED_IN, 'allowed'), target: 'none', frame: () => ({}) },
  // Admins take no conversations, so they have no presence or routing profile.
  presence: {
    rule: frameRow(['agentNever', 'agentHolder', 'supervisor']),
    target: 'none',
    frame: () => ({ presence: 'online' }),
  },
  profile: {
    rule: frameRow(['agentNever', 'agentHolder', 'supervisor']),
    target: 'none',
    frame: () => ({ capacity: 40 }),
  },
  // Accepting and declining stay with the agent the conversation is offered to, whatever the role.
  accept: {
    rule: frameRow(['agentHolder']),
    target: 'fresh-offered',
    frame: (id) => ({ conversationId: id }),
  },
  decline: {
    rule: frameRow(['agentHolder']),
    target: 'fresh-offered',
    frame: (id) => ({ conversationId: id }),
  },
  watch: {
    rule: frameRow(['agentHolder', 'supervisor', 'admin']),
    target: 'held',
    frame: (id) => ({ conversationId: id }),
  },
  // Stops the caller's own relay; reveals nothing.
  unwatch: { rule: frameRow(EVERY_SIGNED_IN), target: 'held', frame: (id) => ({ conversationId: id }) },
  reply: {
    rule: frameRow(['agentHolder']),
    target: 'held',
    frame: (id) => ({ conversationId: id, text: 'matrix reply' }),
  },
  typing: {
    rule: frameRow(['agentHolder']),
    target: 'held',
    frame: (id) => ({ conversationId: id, active: true }),
  },
  transfer: {
    rule: frameRow(['agentHolder', 'supervisor', 'admin']),
    target: 'fresh-held',
    frame: (id) => ({ conversationId: id, to: { team: 'matrix-elsewhere' } }),
  },
  escalate: {
    rule: frameRow(['agentHolder', 'supervisor', 'admin']),
    target: 'fresh-held',
    frame: (id) => ({ conversationId: id }),
  },
  'hand-back': {
    rule: frameRow(['agentHolder', 'supervisor', 'admin']),
    target: 'fresh-held',
    frame: (id) => ({ conversationId: id }),
  },
  close: {
    rule: frameRow(['agentHolder', 'supervisor', 'admin']),
    target: 'fresh-held',
    frame: (id) => ({ conversationId: id }),
  },
  requeue: {
    rule: frameRow(['supervisor', 'admin']),
    target: 'fresh-held',
    frame: (id) => ({ conversationId: id }),
  },
};

const FRAME_TYPES: string[] = AgentFrameSchema.options.map((option) => option.shape.type.value);
/** Frames whose schema carries a `clientMessageId` (answered with an ack or an error naming it). */
const ACKED = new Set<string>(
  AgentFrameSchema.options
    .filter((option) => 'clientMessageId' in option.shape)
    .map((option) => option.shape.type.value),
);

describe('the authorization matrix', () => {
  let server: DeskServer;
  let fixtures: Fixtures;
  let holderConsole: AgentTestClient;
  const tokens = {} as Record<Principal, string | undefined>;
  const members = {} as Record<'agentNever' | 'agentHolder' | 'supervisor' | 'admin' | 'editor', StaffMember>;
  const viewers: ViewerTestClient[] = [];
  let adminToken = '';

  async function json<T>(response: Response, status: number): Promise<T> {
    const text = await response.text();
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  }

  /** A viewer asks for a person in the room; resolves once the holder's console was offered it. */
  async function conversationOffered(
    firstWords?: string,
  ): Promise<{ conversationId: string; viewerId: string }> {
    const issued = await json<{ token: string; viewer: { viewerId: string } }>(
      await server.request('/api/viewer/tokens', {
        token: adminToken,
        json: {
          roomId: 'room-matrix',
          viewerId: `matrix-viewer-${viewers.length + 1}`,
          tier: 'regular',
          locale: 'zh',
          displayName: VIEWER_NAME,
        },
      }),
      200,
    );
    const viewer = await server.connectViewer();
    viewers.push(viewer);
    const { conversationId } = await viewer.join({ token: issued.token });
    if (firstWords !== undefined) {
      viewer.send({ type: 'message', text: firstWords, clientMessageId: 'first' });
      await viewer.waitForType('ack', { where: (frame) => frame.clientMessageId === 'first' });
    }
    viewer.send({ type: 'message', text: '我要人工', clientMessageId: 'ask' });
    await holderConsole.waitForType('assignment', {
      where: (frame) => frame.conversationId === conversationId && frame.status === 'offered',
    });
    return { conversationId, viewerId: issued.viewer.viewerId };
  }

  async function conversationHeld(firstWords?: string) {
    const offered = await conversationOffered(firstWords);
    const answer = await holderConsole.command({ type: 'accept', conversationId: offered.conversationId });
    expect(answer.type, JSON.stringify(answer)).toBe('ack');
    return offered;
  }

  beforeAll(async () => {
    server = await startDeskServer({ LIVEDESK_OFFER_TIMEOUT_MS: '600000' });
    const admin = await server.login('admin');
    adminToken = admin.token;
    members.admin = admin;
    members.editor = await server.login('editor');
    // Teams chosen so that only the holder is offered the room's conversations, and the agent who never
    // held one works no ticket department.
    members.agentHolder = await server.createStaff({
      username: 'matrix-holder',
      role: 'agent',
      teams: ['support'],
      capacity: 50,
    });
    members.agentNever = await server.createStaff({
      username: 'matrix-never',
      role: 'agent',
      teams: ['matrix-none'],
    });
    members.supervisor = await server.createStaff({
      username: 'matrix-supervisor',
      role: 'supervisor',
      teams: [],
    });
    for (const name of Object.keys(members) as (keyof typeof members)[]) tokens[name] = members[name].token;
    tokens.anonymous = undefined;

    holderConsole = await server.connectAgent();
    await holderConsole.authenticate(members.agentHolder.token);
    const held = await conversationHeld(`充值没到账, 我的邮箱 ${PII[0]} 电话 ${PII[1]}`);
    const viewerToken = await json<{ token: string }>(
      await server.request('/api/viewer/session', { json: { roomId: 'room-matrix' } }),
      200,
    );
    tokens.viewer = viewerToken.token;

    const made = await json<{ ticket: { id: string } & Record<string, unknown> }>(
      await server.request(`/api/conversations/${held.conversationId}/ticket`, {
        method: 'POST',
        token: members.agentHolder.token,
      }),
      201,
    );
    // Text copied from the conversation into the ticket is masked.
    for (const secret of PII) expect(JSON.stringify(made.ticket)).not.toContain(secret);
    const quickReplies = await json<{ quickReplies: { id: string; text: string }[] }>(
      await server.request('/api/quick-replies', { token: admin.token }),
      200,
    );
    const withName = quickReplies.quickReplies.find((reply) => reply.text.includes('{viewerName}'));
    if (!withName) throw new Error('no demo quick reply uses {viewerName}');
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#08f' } })
      .png()
      .toBuffer();
    const sent = await fetch(`${server.baseUrl}/api/media?conversationId=${held.conversationId}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${members.agentHolder.token}` },
      body: png,
    });
    const media = await json<{ mediaId: string }>(sent, 201);
    const link = await json<{ url: string }>(
      await server.request(`/api/media/${media.mediaId}/url`, { token: members.agentHolder.token }),
      200,
    );
    fixtures = {
      ...held,
      ticketId: made.ticket.id,
      quickReplyId: withName.id,
      mediaId: media.mediaId,
      mediaUrl: link.url,
    };
  }, 60_000);

  afterAll(async () => {
    await Promise.all(viewers.map((viewer) => viewer.close()));
    await server?.close();
  });

  it('has a rule for every route in the OpenAPI document, and every rule names a route', async () => {
    const document = await json<{ paths: Record<string, Record<string, unknown>> }>(
      await server.request('/openapi.json'),
      200,
    );
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.length).toBeGreaterThan(50);
    expect(
      operations.filter((operation) => !(operation in ROUTES)),
      'routes without a rule',
    ).toEqual([]);
    expect(
      Object.keys(ROUTES).filter((key) => !operations.includes(key)),
      'rules without a route',
    ).toEqual([]);
  });

  it('answers every route as its rule says for every principal', async () => {
    const failures: string[] = [];
    for (const [key, route] of Object.entries(ROUTES)) {
      const [method, path] = key.split(' ') as [string, string];
      const url = route.url?.(fixtures) ?? path.replace(/\{[^}]+\}/g, 'matrix-none');
      const body = route.body?.(fixtures) ?? (method === 'GET' || method === 'DELETE' ? undefined : {});
      await Promise.all(
        PRINCIPALS.map(async (principal) => {
          const token = tokens[principal];
          const response = await server.request(url, {
            method,
            ...(token ? { token } : {}),
            ...(body === undefined ? {} : { json: body }),
          });
          const text = await response.text();
          const expected = route.rule[principal];
          const got = response.status;
          const fine =
            expected === 'allowed'
              ? got !== 401 && got !== 403
              : expected === 'ok'
                ? got >= 200 && got < 300
                : got === expected;
          if (!fine)
            failures.push(`${key} as ${principal}: expected ${expected}, got ${got} ${text.slice(0, 160)}`);
          else if (route.inspect && got >= 200 && got < 300) {
            try {
              route.inspect(principal, text, fixtures);
            } catch (error) {
              failures.push(`${key} as ${principal}: ${(error as Error).message}`);
            }
          }
          // Nothing refused carries the viewer's words or name.
          if (got === 401 || got === 403)
            for (const secret of [...PII, VIEWER_NAME])
              if (text.includes(secret)) failures.push(`${key} as ${principal}: refusal shows ${secret}`);
        }),
      );
    }
    expect(failures).toEqual([]);
  }, 30_000);

  it('has a rule for every agent frame in the frame schema, and every rule names a frame', () => {
    expect(FRAME_TYPES.length).toBeGreaterThan(10);
    expect(
      FRAME_TYPES.filter((type) => !(type in FRAMES)),
      'frames without a rule',
    ).toEqual([]);
    expect(
      Object.keys(FRAMES).filter((type) => !FRAME_TYPES.includes(type)),
      'rules without a frame',
    ).toEqual([]);
  });

  it('answers every agent frame as its rule says for every principal', async () => {
    const failures: string[] = [];
    const consoles = new Map<Principal, AgentTestClient>([['agentHolder', holderConsole]]);
    const socketFor = async (principal: SocketPrincipal): Promise<AgentTestClient> => {
      const existing = consoles.get(principal);
      if (existing) return existing;
      const client = await server.connectAgent();
      await client.authenticate(members[principal].token);
      consoles.set(principal, client);
      return client;
    };

    /**
     * The refusal code the frame met, if any: the errors up to the pong of a ping sent after it (a socket
     * handles its frames one at a time, in order, so the frame's answer comes first).
     */
    const outcomeOf = async (
      client: AgentTestClient,
      frame: Record<string, unknown>,
    ): Promise<FrameOutcome> => {
      const from = client.mark();
      const type = String(frame.type);
      client.send(ACKED.has(type) ? { ...frame, clientMessageId: `mx-${from}` } : frame);
      client.send({ type: 'ping' });
      const pong = await client.waitForIndex((candidate) => candidate.type === 'pong', from);
      const errors = client.frames
        .slice(from, pong + 1)
        .filter(
          (candidate): candidate is Extract<AgentServerFrame, { type: 'error' }> =>
            candidate.type === 'error',
        );
      for (const error of errors)
        if (['invalid_frame', 'unknown_type', 'invalid_json'].includes(error.code))
          throw new Error(`the test sent a bad ${String(frame.type)} frame: ${error.message}`);
      const refused = errors.find((error) => error.code === 'forbidden' || error.code === 'unauthenticated');
      return refused ? (refused.code as FrameOutcome) : 'allowed';
    };

    // A socket that never signed in: refused before anything else is looked at.
    const anonymousOutcome = async (type: string, frame: Record<string, unknown>): Promise<FrameOutcome> => {
      const client = await server.connectAgent();
      try {
        if (type === 'auth') {
          client.send({ type: 'auth', token: 'not-a-token' });
          const error = await client.waitForType('error');
          return error.code as FrameOutcome;
        }
        return await outcomeOf(client, { type, ...frame });
      } finally {
        await client.close();
      }
    };

    // Viewers and editors: the sign-in is refused and the socket closed, so no frame gets through.
    const refusedSignIn = async (principal: 'viewer' | 'editor'): Promise<FrameOutcome> => {
      const client = await server.connectAgent();
      client.send({ type: 'auth', token: tokens[principal] });
      const error = await client.waitForType('error');
      const closed = await client.closed;
      expect(closed.code).toBe(1008);
      return error.code as FrameOutcome;
    };
    const signIn = { viewer: await refusedSignIn('viewer'), editor: await refusedSignIn('editor') };

    const socketPrincipals: SocketPrincipal[] = ['agentNever', 'agentHolder', 'supervisor', 'admin'];
    for (const type of FRAME_TYPES) {
      const rule = FRAMES[type];
      if (!rule) continue;
      const record = (principal: Principal, got: FrameOutcome) => {
        if (got !== rule.rule[principal])
          failures.push(`${type} as ${principal}: expected ${rule.rule[principal]}, got ${got}`);
      };
      record('viewer', signIn.viewer);
      record('editor', signIn.editor);

      if (rule.target === 'none') {
        record('anonymous', await anonymousOutcome(type, rule.frame('')));
        for (const principal of socketPrincipals) {
          if (type === 'auth') {
            // Signing in again on a signed-in socket is a conflict; a fresh socket signs in.
            const client = await server.connectAgent();
            client.send({ type: 'auth', token: members[principal].token });
            const answer = await client.waitFor(
              (frame) => frame.type === 'authenticated' || frame.type === 'error',
            );
            record(
              principal,
              answer.type === 'authenticated' ? 'allowed' : (answer as { code: FrameOutcome }).code,
            );
            await client.close();
            continue;
          }
          record(principal, await outcomeOf(await socketFor(principal), { type, ...rule.frame('') }));
        }
        continue;
      }

      const allowed = socketPrincipals.filter((principal) => rule.rule[principal] === 'allowed');
      const refused = socketPrincipals.filter((principal) => rule.rule[principal] !== 'allowed');
      const fresh = rule.target === 'fresh-offered' || rule.target === 'fresh-held';
      const target = async () =>
        !fresh
          ? fixtures.conversationId
          : (rule.target === 'fresh-offered' ? await conversationOffered() : await conversationHeld())
              .conversationId;
      // Refused callers first, on a conversation an allowed caller then acts on: a refusal changed nothing.
      let conversationId = await target();
      record('anonymous', await anonymousOutcome(type, rule.frame(conversationId)));
      for (const principal of refused)
        record(
          principal,
          await outcomeOf(await socketFor(principal), { type, ...rule.frame(conversationId) }),
        );
      for (const [index, principal] of allowed.entries()) {
        if (fresh && index > 0) conversationId = await target();
        record(
          principal,
          await outcomeOf(await socketFor(principal), { type, ...rule.frame(conversationId) }),
        );
      }
    }
    for (const [principal, client] of consoles) if (principal !== 'agentHolder') await client.close();
    expect(failures).toEqual([]);
  }, 60_000);

  it('refuses the agent who never held it what the issue found open, and shows them nothing of it', async () => {
    const never = members.agentNever.token;
    const { conversationId, viewerId, ticketId, quickReplyId } = fixtures;
    const ticket = await server.request(`/api/conversations/${conversationId}/ticket`, {
      method: 'POST',
      token: never,
    });
    expect(ticket.status).toBe(403);
    const render = await server.request(`/api/quick-replies/${quickReplyId}/render`, {
      method: 'POST',
      token: never,
      json: { conversationId },
    });
    expect(render.status).toBe(403);
    expect(await render.text()).not.toContain(VIEWER_NAME);
    const rendered = await json<{ text: string }>(
      await server.request(`/api/quick-replies/${quickReplyId}/render`, {
        method: 'POST',
        token: members.agentHolder.token,
        json: { conversationId },
      }),
      200,
    );
    expect(rendered.text).toContain(VIEWER_NAME);
    const listed = await json<{ conversations: unknown[] }>(
      await server.request(`/api/viewers/${viewerId}/conversations`, { token: never }),
      200,
    );
    expect(listed.conversations).toEqual([]);
    const tickets = await json<{ tickets: { id: string }[]; total: number }>(
      await server.request('/api/tickets', { token: never }),
      200,
    );
    expect(tickets.tickets.map((shown) => shown.id)).not.toContain(ticketId);
    const mine = await json<{ tickets: { id: string; description: string; title: string }[] }>(
      await server.request(`/api/tickets?conversationId=${conversationId}`, {
        token: members.agentHolder.token,
      }),
      200,
    );
    expect(mine.tickets.map((shown) => shown.id)).toContain(ticketId);
    for (const secret of PII) expect(JSON.stringify(mine.tickets)).not.toContain(secret);
  });
});

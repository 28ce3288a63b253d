import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Scheduler } from '../../engine/conversation/conversation.js';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { ConversationHub } from '../../engine/conversation/conversation-hub.js';
import { DeskConfigSchema } from '../../engine/desk/desk-config.js';
import { Desk } from '../../engine/desk/desk.js';
import { AgentSessions, type AgentSession } from '../../server/desk/agent-sessions.js';
import { ConversationDirectory } from '../../server/desk/conversation-directory.js';
import { DeskService } from '../../server/desk/desk-service.js';
import type { AgentServerFrame } from '../../server/realtime/agent-frames.js';
import type { ConversationChannel } from '../../server/realtime/conversation-channel.js';
import { openObservedHub, type ObservedHubFixture } from '../support/observed-hub-fixture.js';

/** Timers and a clock that move only when the test says so. */
class FakeTime {
  nowMs = 0;
  private timers: { at: number; callback: () => void; cancelled: boolean }[] = [];
  readonly schedule: Scheduler = (callback, delayMs) => {
    const timer = { at: this.nowMs + delayMs, callback, cancelled: false };
    this.timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  };

  advance(ms: number): void {
    const until = this.nowMs + ms;
    for (;;) {
      const next = this.timers
        .filter((timer) => !timer.cancelled && timer.at <= until)
        .sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.timers.splice(this.timers.indexOf(next), 1);
      this.nowMs = next.at;
      next.callback();
    }
    this.nowMs = until;
  }
}

interface Console extends AgentSession {
  frames: AgentServerFrame[];
}

function fakeConsole(userId: string, role: AgentSession['role'] = 'agent'): Console {
  const frames: AgentServerFrame[] = [];
  return {
    userId,
    role,
    frames,
    send: (frame) => frames.push(frame),
    follow: () => undefined,
    unfollow: () => undefined,
  };
}

const GRACE_MS = 10_000;

/** Lets real I/O (log commits) run until `done` holds. */
async function until(done: () => boolean): Promise<void> {
  for (let turn = 0; turn < 1000 && !done(); turn++) await new Promise((resolve) => setImmediate(resolve));
  if (!done()) throw new Error('condition not reached');
}

describe('desk service', () => {
  let fixture: ObservedHubFixture;
  let hub: ConversationHub;
  let directory: ConversationDirectory;
  let service: DeskService;
  let time: FakeTime;

  beforeEach(async () => {
    fixture = await openObservedHub();
    hub = fixture.hub;
    directory = new ConversationDirectory({ hub, events: fixture.events });
    time = new FakeTime();
    service = new DeskService({
      desk: new Desk({
        // Offers wait for the tests that let time pass; the lapsing of offers has tests of its own.
        config: DeskConfigSchema.parse({ matchSkills: false, offerTimeoutMs: 3_600_000 }),
        clock: () => new Date(time.nowMs),
      }),
      directory,
      sessions: new AgentSessions(),
      agentOfflineGraceMs: GRACE_MS,
      queueRefreshMs: 60_000,
      schedule: time.schedule,
      nowMs: () => time.nowMs,
    });
  });
  afterEach(async () => {
    service.stop();
    directory.close();
    await fixture.close();
  });

  /** A viewer who asks for a person; resolves once the desk has queued them. */
  async function escalatedViewer(
    locale: 'zh' | 'en' = 'zh',
  ): Promise<{ channel: ConversationChannel; events: ConversationEvent[] }> {
    const channel = directory.open({
      profile: { viewerId: `v-${Math.random()}`, tier: 'regular', locale },
      liveContext: {},
    });
    const events: ConversationEvent[] = [];
    channel.subscribe((item) => events.push(item.event));
    channel.conversation.viewerMessage(locale === 'zh' ? '我要人工' : 'I want to talk to a human');
    await until(() => events.some((event) => event.type === 'system-message'));
    expect(service.conversation(channel.conversationId)).toBeDefined();
    return { channel, events };
  }

  it('welcomes a queued viewer in their language with the same place, wait and who is online as the banner', async () => {
    const welcomeOf = (events: ConversationEvent[]): string | undefined => {
      const welcome = events.find((event) => event.type === 'system-message');
      return welcome?.type === 'system-message' && welcome.kind === 'welcome' ? welcome.text : undefined;
    };
    const statusOf = (events: ConversationEvent[]) => events.filter((event) => event.type === 'queue-status');

    // Nobody who could help is online: the viewer is told exactly that, and how long the place is kept.
    const alone = await escalatedViewer('en');
    expect(welcomeOf(alone.events)).toContain('No agent who can help is online');
    expect(welcomeOf(alone.events)).toContain('we keep your place for 5 min');
    expect(statusOf(alone.events).at(-1)).toMatchObject({
      position: 1,
      agentsOnline: 0,
      placeKeptMs: 300_000,
    });

    // Ann comes online with room for one: she is offered it, and that viewer hears an agent is coming.
    const ann = fakeConsole('ann');
    service.agentConnected(ann, { name: 'Ann', capacity: 1, skills: [], teams: [] });
    time.advance(1000);
    await until(() => statusOf(alone.events).at(-1)?.position === 0);
    expect(statusOf(alone.events).at(-1)).toMatchObject({ position: 0, agentsOnline: 1 });

    const next = await escalatedViewer('zh');
    expect(welcomeOf(next.events)).toContain('下一位就是你');
    expect(welcomeOf(next.events)).toContain('预计等待约 3 分钟');
    expect(welcomeOf(next.events)).not.toContain('暂无');
    expect(statusOf(next.events).at(-1)).toMatchObject({
      position: 1,
      estimatedWaitMs: 180_000,
      agentsOnline: 1,
    });
    const later = await escalatedViewer('en');
    expect(welcomeOf(later.events)).toContain('1 person ahead of you');
    expect(statusOf(later.events).at(-1)).toMatchObject({ position: 2, agentsOnline: 1 });

    // Ann serves the first: the next viewer is offered to her, the later one moves up, each told once.
    await service.accept('ann', alone.channel.conversationId);
    await service.close('ann', alone.channel.conversationId);
    time.advance(1000);
    await until(() => statusOf(later.events).at(-1)?.position === 1);
    expect(statusOf(next.events).at(-1)).toMatchObject({ position: 0 });
    expect(statusOf(later.events).at(-1)).toMatchObject({ position: 1 });
    const told = statusOf(later.events).length;
    time.advance(20_000);
    expect(statusOf(later.events)).toHaveLength(told);
  });

  it('sends each console at most one queue snapshot per interval, however many changes come at once', async () => {
    const console = fakeConsole('ann');
    service.agentConnected(console, { name: 'Ann', capacity: 50, skills: [], teams: [] });
    time.advance(1000);
    const before = console.frames.filter((frame) => frame.type === 'queue').length;
    const queueFrames = (): AgentServerFrame[] => console.frames.filter((frame) => frame.type === 'queue');
    for (let index = 0; index < 20; index++) await escalatedViewer();
    expect(console.frames.filter((frame) => frame.type === 'assignment')).toHaveLength(20);
    time.advance(0);
    expect(queueFrames().length - before).toBe(1);
    expect(queueFrames().at(-1)).toMatchObject({ snapshot: { agents: [{ id: 'ann', load: 20 }] } });
    // The next change goes out when the interval since the last snapshot has passed, not before.
    await escalatedViewer();
    time.advance(199);
    expect(queueFrames().length - before).toBe(1);
    time.advance(1);
    expect(queueFrames().length - before).toBe(2);
    expect(queueFrames().at(-1)).toMatchObject({ snapshot: { agents: [{ id: 'ann', load: 21 }] } });
  });

  it('puts an agent offline only when their last console stays closed past the grace period', async () => {
    const tab = fakeConsole('ann');
    const other = fakeConsole('ann');
    service.agentConnected(tab, { name: 'Ann', capacity: 2, skills: [], teams: [] });
    service.agentConnected(other, { name: 'Ann', capacity: 2, skills: [], teams: [] });
    const { channel } = await escalatedViewer();
    expect(service.conversation(channel.conversationId)?.agentId).toBe('ann');
    service.agentDisconnected(tab);
    time.advance(GRACE_MS * 2);
    expect(service.agent('ann')?.presence).toBe('online');

    // The last console closes; a reload within the grace period changes nothing.
    service.agentDisconnected(other);
    time.advance(GRACE_MS - 1);
    const reloaded = fakeConsole('ann');
    service.agentConnected(reloaded, { name: 'Ann', capacity: 2, skills: [], teams: [] });
    time.advance(GRACE_MS);
    expect(service.agent('ann')).toMatchObject({
      presence: 'online',
      offeredConversationIds: [channel.conversationId],
    });

    // Gone for good: offline, and what they held waits again.
    service.agentDisconnected(reloaded);
    time.advance(GRACE_MS);
    expect(service.agent('ann')?.presence).toBe('offline');
    expect(service.snapshot().waiting.map((entry) => entry.conversationId)).toEqual([channel.conversationId]);
    expect(reloaded.frames.filter((frame) => frame.type === 'released')).toEqual([]);
  });

  it('records every desk event on its conversation and moves its state with it', async () => {
    const console = fakeConsole('ann');
    service.agentConnected(console, { name: 'Ann', capacity: 1, skills: [], teams: [] });
    const { channel, events } = await escalatedViewer();
    const conversationId = channel.conversationId;
    await service.accept('ann', conversationId);
    expect(channel.conversation.state).toBe('human');
    const committed = await service.reply('ann', conversationId, { text: '您好' });
    expect(committed.map((item) => item.event.type)).toEqual(['agent-message']);
    expect(committed[0]?.sequence).toBeGreaterThan(0);
    await service.close('ann', conversationId);
    expect(channel.conversation.state).toBe('closed');
    const desk = events.flatMap((event) => (event.type === 'desk' ? [event.event.type] : []));
    expect(desk).toEqual([
      'conversation-queued',
      'conversation-assigned',
      'conversation-accepted',
      'conversation-released',
    ]);
    expect(events.at(-1)?.type).toBe('satisfaction-request');
    await expect(service.reply('ann', conversationId, { text: 'still there?' })).rejects.toMatchObject({
      code: 'conflict',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { consoleTexts } from './console-texts.js';
import { deskEventNote, releaseNote, stateChangeNote, type NoteContext } from './transcript-notes.js';
import { TranscriptLog } from './transcript-log.js';

const NAMES: Record<string, string> = { 'u-ada': 'Ada', 'u-sam': 'Sam' };
const context = (language: 'en' | 'zh'): NoteContext => ({
  texts: consoleTexts(language),
  agentName: (id) => NAMES[id] ?? id,
});
const en = context('en');
const zh = context('zh');
const at = '2026-06-01T12:00:00.000Z';

describe('state changes in words', () => {
  it('tells a handoff with the packet’s reasons instead of "ai → pending_human (escalated: …)"', () => {
    const change = { from: 'ai', to: 'pending_human', reason: 'escalated: human_request' } as const;
    expect(stateChangeNote(change, en)).toBe('Handed to a person: the viewer asked for one');
    expect(stateChangeNote(change, zh)).toBe('转人工：用户要求人工客服');
    const two = { ...change, reason: 'escalated: anger, repetition' };
    expect(stateChangeNote(two, en)).toBe(
      'Handed to a person: the viewer is angry, the viewer repeated the question',
    );
    expect(stateChangeNote(two, zh)).toBe('转人工：用户情绪激动、用户重复提问');
  });

  it('says handed back, closed and reopened, and leaves joining and requeues to the desk events', () => {
    expect(stateChangeNote({ from: 'human', to: 'ai', reason: 'handed back by u-ada' }, en)).toBe(
      'Handed back to the AI',
    );
    expect(stateChangeNote({ from: 'human', to: 'ai', reason: 'handed back by u-ada' }, zh)).toBe(
      '已交还 AI',
    );
    expect(stateChangeNote({ from: 'human', to: 'closed', reason: 'closed by u-ada' }, en)).toBe('Closed');
    expect(stateChangeNote({ from: 'human', to: 'closed', reason: 'closed by u-ada' }, zh)).toBe(
      '会话已结束',
    );
    expect(stateChangeNote({ from: 'closed', to: 'ai', reason: 'reopened' }, en)).toBe('Reopened');
    expect(
      stateChangeNote({ from: 'pending_human', to: 'human', reason: 'assigned to u-ada' }, en),
    ).toBeUndefined();
    expect(
      stateChangeNote({ from: 'human', to: 'pending_human', reason: 'transferred' }, en),
    ).toBeUndefined();
  });
});

describe('desk events in words', () => {
  it('names the agent who joined, was offered, or let the conversation go, and why', () => {
    const event = { type: 'conversation-accepted', conversationId: 'c', agentId: 'u-ada', at };
    expect(deskEventNote(event, en)).toBe('Ada joined');
    expect(deskEventNote(event, zh)).toBe('客服 Ada 已接入');
    expect(deskEventNote({ type: 'conversation-assigned', agentId: 'u-sam', at }, zh)).toBe(
      '已分配给 Sam，等待接入',
    );
    const requeued = (reason: string) =>
      deskEventNote({ type: 'conversation-requeued', reason, previousAgentId: 'u-ada', at }, en);
    expect(requeued('offer-expired')).toBe('Back in the queue: Ada did not accept in time');
    expect(requeued('agent-away')).toBe('Back in the queue: Ada set Away');
    expect(requeued('unresponsive')).toBe('Back in the queue: Ada did not reply in time');
    expect(requeued('agent-offline')).toBe('Back in the queue: Ada went offline');
    expect(requeued('declined')).toBe('Back in the queue: Ada declined');
    expect(requeued('reassigned')).toBe('Back in the queue: reassigned by a supervisor');
    expect(requeued('something-new')).toBe('Back in the queue');
    expect(
      deskEventNote(
        { type: 'conversation-requeued', reason: 'offer-expired', previousAgentId: 'u-ada', at },
        zh,
      ),
    ).toBe('重新排队：Ada 未及时接入');
  });

  it('tells transfers and escalations with names and the note', () => {
    const escalated = {
      type: 'conversation-transferred',
      to: { team: 'supervisor' },
      by: 'u-ada',
      note: 'goodwill refund',
      escalation: true,
      at,
    };
    expect(deskEventNote(escalated, en)).toBe('Escalated by Ada to team supervisor: “goodwill refund”');
    expect(deskEventNote(escalated, zh)).toBe('Ada 升级给 主管组：“goodwill refund”');
    const toSam = { ...escalated, to: { agentId: 'u-sam' }, escalation: false, note: '' };
    expect(deskEventNote(toSam, en)).toBe('Transferred by Ada to Sam');
  });

  it('renders the desk’s newer events: flagged, SLA breached, overflow, set Away', () => {
    const flagged = {
      type: 'conversation-flagged',
      conversationId: 'c',
      agentId: 'u-ada',
      reason: 'no-reply',
      waitingSince: at,
      at,
    };
    expect(deskEventNote(flagged, en)).toMatch(/^Ada has not replied since \d\d:\d\d$/);
    expect(deskEventNote(flagged, zh)).toMatch(/^Ada 自 \d\d:\d\d 起未回复用户$/);
    const breached = { type: 'sla-breached', conversationId: 'c', kind: 'first-response', dueAt: at, at };
    expect(deskEventNote(breached, en)).toMatch(/^First reply overdue \(was due \d\d:\d\d\)$/);
    expect(deskEventNote(breached, zh)).toMatch(/^首次响应已超时（应于 \d\d:\d\d 前）$/);
    expect(deskEventNote({ type: 'conversation-overflowed', team: 'complaints', at }, zh)).toBe(
      '投诉组无人在线，已开放给所有客服',
    );
    expect(
      deskEventNote(
        { type: 'agent-set-away', agentId: 'u-ada', reason: 'missed-offers', missedOffers: 3, at },
        en,
      ),
    ).toBe('Ada was set Away after 3 missed offers');
  });

  it('skips kinds it does not know, and releases the state change already tells', () => {
    expect(deskEventNote({ type: 'something-next', at }, en)).toBeUndefined();
    expect(deskEventNote({ type: 'conversation-released', reason: 'abandoned', at }, en)).toBe(
      'The viewer left',
    );
    expect(releaseNote('offer-expired', consoleTexts('zh'))).toBe('已结束（超时未接入）');
    expect(releaseNote('handed-back', consoleTexts('en'))).toBe('Handed back to the AI');
  });
});

describe('the console transcript', () => {
  it('reads like people wrote it: one line for a close told by both the desk and the state change', () => {
    const log = new TranscriptLog(en);
    log.apply({ type: 'viewer-message', text: 'I want a person', channel: 'text', at }, 1);
    log.apply(
      { type: 'state-change', from: 'ai', to: 'pending_human', reason: 'escalated: human_request', at },
      2,
    );
    log.apply(
      { type: 'desk', event: { type: 'conversation-accepted', conversationId: 'c', agentId: 'u-ada', at } },
      3,
    );
    log.apply(
      { type: 'state-change', from: 'pending_human', to: 'human', reason: 'assigned to u-ada', at },
      4,
    );
    log.apply(
      { type: 'desk', event: { type: 'conversation-released', conversationId: 'c', reason: 'closed', at } },
      5,
    );
    log.apply({ type: 'state-change', from: 'human', to: 'closed', reason: 'closed by u-ada', at }, 6);
    log.release({ reason: 'closed', at });
    expect(log.entries.map((entry) => entry.text)).toEqual([
      'I want a person',
      'Handed to a person: the viewer asked for one',
      'Ada joined',
      'Closed',
    ]);
  });

  it('does not repeat the close for a supervisor who also got its stored events and the rating', () => {
    const log = new TranscriptLog(en);
    log.apply({ type: 'state-change', from: 'human', to: 'closed', reason: 'closed by u-sam', at }, 1);
    log.apply({ type: 'satisfaction-request', at }, 2);
    log.apply({ type: 'satisfaction', score: 4, comment: 'quick', at }, 3);
    log.release({ reason: 'closed', at: '2026-06-01T12:00:00.200Z' });
    expect(log.entries.map((entry) => entry.text)).toEqual([
      'Closed',
      'The viewer was asked for a rating',
      'Rated 4/5: “quick”',
    ]);
  });

  it('ends with why the desk released the conversation when its own events never arrive', () => {
    const log = new TranscriptLog(zh);
    log.apply({ type: 'viewer-message', text: '我要人工', channel: 'text', at }, 1);
    log.release({ reason: 'handed-back', at });
    expect(log.entries.map((entry) => entry.text)).toEqual(['我要人工', '已交还 AI']);
    log.release(undefined);
    expect(log.entries.map((entry) => entry.text)).toEqual(['我要人工']);
  });
});

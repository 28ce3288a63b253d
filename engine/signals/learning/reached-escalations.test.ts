import { describe, expect, it } from 'vitest';
import type { ConversationEvent } from '../../conversation/conversation-events.js';
import type { HandoffPacket } from '../../handoff/handoff-packet.js';
import { deskLabelTargets } from './desk-label.js';
import { escalationSignals, reachedEscalations } from './reached-escalations.js';

const at = '2026-12-07T10:00:00.000Z';
const mask = (text: string) => text.replace(/\d{11}/g, '***********');

function handoff(turnId: string, reasons: HandoffPacket['reasons'], details: string[]): ConversationEvent {
  return { type: 'handoff', turnId, packet: { reasons, details } as HandoffPacket };
}
const asked = (turnId: string, question: string): ConversationEvent => ({
  type: 'turn-start',
  turnId,
  question,
});
const accepted = (agentId: string): ConversationEvent => ({
  type: 'desk',
  event: { type: 'conversation-accepted', conversationId: 'c1', agentId, at },
});

describe('escalations that reached an agent, as labels for the signals', () => {
  it('names anger, requests for a person and each sensitive category, and nothing a model cannot learn', () => {
    expect(
      escalationSignals({
        reasons: ['sensitive', 'anger', 'public_threat', 'low_confidence'],
        details: [
          'sensitive: fraud (骗子)',
          'sensitive: safety (不想活)',
          'anger 0.91, rising (insult:垃圾)',
        ],
      }),
    ).toEqual(['anger', 'sensitive:fraud', 'sensitive:safety']);
  });

  it('labels the words of the turn that escalated, masked, once its handoff is accepted', () => {
    const events = [
      asked('t1', '你好'),
      asked('t2', '转人工，我手机13812345678'),
      handoff('t2', ['human_request'], ['asked for a person (转人工)']),
      accepted('alice'),
      // A transfer is the same escalation reaching someone else.
      accepted('bob'),
    ];
    expect(reachedEscalations('c1', events, mask)).toEqual([
      {
        conversationId: 'c1',
        turnId: 't2',
        text: '转人工，我手机***********',
        signals: ['human_request'],
        reachedAgentId: 'alice',
        reachedAt: at,
      },
    ]);
  });

  it('leaves out an escalation nobody accepted yet and one that named no learnable signal', () => {
    expect(
      reachedEscalations(
        'c1',
        [asked('t1', '?'), handoff('t1', ['low_confidence'], []), accepted('a')],
        mask,
      ),
    ).toEqual([]);
    expect(
      reachedEscalations('c1', [asked('t1', '人工'), handoff('t1', ['human_request'], [])], mask),
    ).toEqual([]);
  });

  it('keeps each escalation of a conversation handed back and escalated again', () => {
    const events = [
      asked('t1', '人工'),
      handoff('t1', ['human_request'], []),
      accepted('alice'),
      asked('t2', '垃圾平台'),
      handoff('t2', ['anger'], []),
      accepted('bob'),
    ];
    expect(
      reachedEscalations('c1', events, mask).map((label) => [label.turnId, label.reachedAgentId]),
    ).toEqual([
      ['t1', 'alice'],
      ['t2', 'bob'],
    ]);
  });

  it('teaches the signals that fired they were right, unless an agent marked it', () => {
    const signals = ['anger', 'sensitive:fraud'];
    expect([...deskLabelTargets({ signals, marks: [] })]).toEqual([
      ['anger', true],
      ['sensitive:fraud', true],
    ]);
    expect([...deskLabelTargets({ signals, marks: [{ agentId: 'a', note: '', at }] })]).toEqual([
      ['anger', false],
      ['sensitive:fraud', false],
    ]);
  });
});

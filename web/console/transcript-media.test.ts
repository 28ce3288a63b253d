import { describe, expect, it } from 'vitest';
import { consoleTexts } from './console-texts.js';
import { TranscriptLog } from './transcript-log.js';
import type { ConversationEventView } from './agent-frames-client.js';

const at = '2026-12-07T12:00:00.000Z';
const context = { texts: consoleTexts('en'), agentName: (id: string) => id };

function clip(messageId: string): ConversationEventView {
  return {
    type: 'media-message',
    messageId,
    by: 'viewer',
    mediaId: `media-${messageId}`,
    kind: 'voice',
    mime: 'audio/wav',
    bytes: 64_000,
    durationMs: 2000,
    at,
  };
}

describe('media lines in the console transcript', () => {
  it('draws a clip as its own line and puts what the recogniser heard under it, not beside it', () => {
    const log = new TranscriptLog(context);
    log.apply(clip('m1'), 1);
    log.apply(
      {
        type: 'viewer-message',
        text: 'my coins did not arrive',
        channel: 'voice',
        at,
        clientMessageId: 'media:m1',
      },
      2,
    );
    log.apply({ type: 'viewer-message', text: 'hello?', channel: 'text', at, clientMessageId: 'w-1' }, 3);
    const lines = log.entries;
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      kind: 'viewer',
      text: 'my coins did not arrive',
      tags: ['voice'],
      media: { messageId: 'm1', kind: 'voice', transcript: 'my coins did not arrive' },
    });
    expect(lines[1]).toMatchObject({ kind: 'viewer', text: 'hello?' });
    expect(lines[1]?.media).toBeUndefined();
  });

  it('plays a spoken turn on the turn’s own line, its words under the player', () => {
    const log = new TranscriptLog(context);
    log.apply({ type: 'viewer-message', text: 'how do I top up', channel: 'voice', at }, 4);
    log.apply({ type: 'viewer-message', text: 'typed', channel: 'text', at }, 5);
    log.apply({ ...clip('m3'), spokenTurn: 4 } as ConversationEventView, 6);
    expect(log.entries).toHaveLength(2);
    expect(log.entries[0]).toMatchObject({
      kind: 'viewer',
      text: 'how do I top up',
      tags: ['voice'],
      media: { messageId: 'm3', spokenTurn: 4, transcript: 'how do I top up' },
    });
    expect(log.entries[1]?.media).toBeUndefined();
  });

  it('draws a recording whose turn it never saw as a clip line of its own', () => {
    const log = new TranscriptLog(context);
    log.apply({ ...clip('m4'), spokenTurn: 1 } as ConversationEventView, 2);
    expect(log.entries).toMatchObject([{ kind: 'viewer', media: { messageId: 'm4' } }]);
  });

  it('keeps a transcript whose clip it never saw as an ordinary voice line', () => {
    const log = new TranscriptLog(context);
    log.apply(
      { type: 'viewer-message', text: 'heard', channel: 'voice', at, clientMessageId: 'media:gone' },
      1,
    );
    expect(log.entries).toMatchObject([{ kind: 'viewer', text: 'heard', tags: ['voice'] }]);
  });

  it('labels an agent’s picture with the agent and keeps a picture without words visible', () => {
    const log = new TranscriptLog(context);
    log.apply(
      {
        type: 'media-message',
        messageId: 'm2',
        by: 'agent',
        agentId: 'u-ada',
        mediaId: 'media-2',
        kind: 'image',
        mime: 'image/png',
        bytes: 1200,
        width: 320,
        height: 200,
        name: 'steps.png',
        at,
      },
      1,
    );
    expect(log.entries).toMatchObject([
      { kind: 'agent', author: 'u-ada', text: 'steps.png', media: { kind: 'image' } },
    ]);
  });
});

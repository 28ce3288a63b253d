import { describe, expect, it } from 'vitest';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import { maskEventForStaff } from './mask-for-staff.js';

describe('masking for staff', () => {
  it("masks the free text of a dispute form's facts, on the socket as over HTTP", () => {
    const event: ConversationEvent = {
      type: 'dispute-update',
      disputeId: 'd-1',
      formId: 'f-1',
      kind: 'gift-refund',
      status: 'open',
      submitted: true,
      ticketId: 't-1',
      handling: 'finance',
      viewerText: '已受理',
      facts: {
        text: { gift: 'Rocket', note: 'wrong streamer, mail me at someone@example.com' },
        occurredAt: '2026-12-07T10:00:00.000Z',
        amount: 128,
      },
      at: '2026-12-07T11:00:00.000Z',
    };
    const masked = maskEventForStaff(event).event;
    expect(masked).toMatchObject({
      type: 'dispute-update',
      facts: { text: { gift: 'Rocket', note: 'wrong streamer, mail me at s***@example.com' }, amount: 128 },
    });
    expect(JSON.stringify(masked)).not.toContain('someone@example.com');
  });
});

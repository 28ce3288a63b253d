import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { ConversationHub } from '../../engine/conversation/conversation-hub.js';
import { createConversationHub, type ConversationRuntimeOptions } from '../conversation-runtime.js';
import { observeEventLog, type ObservedEventLog } from './observed-event-log.js';

/** The conversation hub with its event log observed, ready for the conversation directory. */
export function createObservedConversationHub(options: Omit<ConversationRuntimeOptions, 'decorateLog'>): {
  hub: ConversationHub;
  events: ObservedEventLog<ConversationEvent>;
} {
  let events: ObservedEventLog<ConversationEvent> | undefined;
  const hub = createConversationHub({
    ...options,
    decorateLog: (log) => {
      events = observeEventLog(log);
      return events.log;
    },
  });
  if (!events) throw new Error('the conversation hub was built without its event log');
  return { hub, events };
}

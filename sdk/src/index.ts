export { AGENT_TYPING_TIMEOUT_MS, connect, MAX_MESSAGE_CHARS } from './client.js';
export type { ConnectOptions, LivedeskClient, ReconnectOptions, SendOptions, SentMessage } from './client.js';
export type { ConnectionState, LivedeskEvent } from './client-events.js';
export { LivedeskError, type LivedeskErrorCode } from './errors.js';
export type {
  ClientFrame,
  ConversationState,
  ServerFrame,
  Topic,
  ViewerErrorCode,
  ViewerEvent,
} from './protocol.js';
export type {
  DisputeField,
  DisputeFormEvent,
  DisputeKind,
  DisputeStatus,
  DisputeUpdateEvent,
} from './dispute-protocol.js';
export type { ViewerSession } from './session.js';
export type { WebSocketConstructor, WebSocketLike } from './socket.js';

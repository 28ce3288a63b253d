import { endpointUrl } from './base-url.js';

/**
 * What the SDK needs of a WebSocket: the browser's and `ws`'s both fit. Node 20 has no global
 * WebSocket, so a Node service passes `ws`'s class as the `WebSocket` option.
 */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the browser's and ws's event types differ
  addEventListener(type: 'open' | 'message' | 'close' | 'error', listener: (event: any) => void): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** The readyState of an open socket, the same in every implementation. */
export const OPEN = 1;

export function globalWebSocket(): WebSocketConstructor | undefined {
  return (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
}

/** `https://host/base` → `wss://host/base/ws/viewer`. */
export function viewerChannelUrl(baseUrl: string): string {
  const url = endpointUrl(baseUrl, '/ws/viewer');
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

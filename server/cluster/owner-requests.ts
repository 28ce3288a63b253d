import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { LivedeskError, type LivedeskErrorCode } from '../../knowledge/errors.js';
import type { Bus, JsonValue, Unsubscribe } from './bus.js';

/** The channel a node listens on for requests to it and replies to its own requests. */
export function nodeChannel(nodeId: string): string {
  return `node.${nodeId}`;
}

const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'conflict',
  'unavailable',
  'timeout',
  'aborted',
  'internal',
] as const;

const JsonSchema: z.ZodType<JsonValue> = z.json();

const NodeMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('request'), id: z.string(), from: z.string(), body: JsonSchema }),
  z.object({ kind: z.literal('cancel'), id: z.string(), from: z.string() }),
  z.object({ kind: z.literal('reply'), id: z.string(), body: JsonSchema }),
  z.object({
    kind: z.literal('failure'),
    id: z.string(),
    error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), retryable: z.boolean() }),
  }),
]);
type NodeMessage = z.infer<typeof NodeMessageSchema>;

export interface OwnerRequest {
  /** The node that sent it (replies go back to it by themselves). */
  from: string;
  /** As sent; the handler parses it with its own schema. */
  body: unknown;
  /** Aborted when the sender gives up (its timeout or its own signal). */
  signal: AbortSignal;
}

export interface OwnerRequestsOptions {
  bus: Bus;
  /** This node's id: requests to it arrive on `node.<nodeId>`. Unique per process start. */
  nodeId: string;
  /**
   * Answers a request sent to this node. Called in arrival order (a request from one node arrives in the
   * order it was sent), synchronously on arrival: a handler that queues its work at once keeps that order.
   * A thrown LivedeskError's code and message go back to the sender; anything else as `internal`.
   */
  handle(request: OwnerRequest): Promise<JsonValue>;
  /** How long a request waits for its reply when the caller gives no shorter signal. Default 5 s. */
  timeoutMs?: number | undefined;
  newId?: (() => string) | undefined;
  /** A message on this node's channel that is not one of ours. Default: standard error. */
  onInvalid?: ((error: Error) => void) | undefined;
}

export interface OwnerRequestOptions<T> {
  /** The node to ask: the conversation's owner from the lease store. */
  nodeId: string;
  body: JsonValue;
  /** The reply is parsed with it before it is trusted. */
  schema: z.ZodType<T>;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
}

export interface OwnerRequests {
  /**
   * Sends `body` to the node and resolves to its reply. Rejects with `unavailable` (retryable) when that node
   * does not listen (it died: look the owner up again), `timeout` (retryable) when no reply came in time,
   * `aborted` when the caller's signal fired, or the handler's own error.
   */
  request<T>(options: OwnerRequestOptions<T>): Promise<T>;
  /** Stops serving and fails every request still waiting for a reply. */
  close(): void;
}

interface Waiting {
  resolve(body: JsonValue): void;
  reject(error: Error): void;
}

/**
 * Request/reply between nodes over the bus, for the frames of a conversation that runs on another node.
 * One channel per node carries both directions, so a node needs one subscription however many requests it
 * has in flight. At most once: a request lost with a connection is not sent again (its caller times out
 * and may retry, so handlers should be idempotent, as `clientMessageId` makes viewer messages).
 */
export async function createOwnerRequests(options: OwnerRequestsOptions): Promise<OwnerRequests> {
  const { bus, nodeId } = options;
  const defaultTimeoutMs = options.timeoutMs ?? 5_000;
  const newId = options.newId ?? randomUUID;
  const waiting = new Map<string, Waiting>();
  const serving = new Map<string, AbortController>();
  let closed = false;

  const send = (to: string, message: NodeMessage): Promise<number> => bus.publish(nodeChannel(to), message);
  const sendQuietly = (to: string, message: NodeMessage) => {
    // A reply that cannot be sent ends as the sender's timeout; there is nobody else to tell.
    send(to, message).catch(() => undefined);
  };

  const serve = (request: Extract<NodeMessage, { kind: 'request' }>) => {
    const controller = new AbortController();
    const key = `${request.from} ${request.id}`;
    serving.set(key, controller);
    let answer: Promise<JsonValue>;
    try {
      answer = options.handle({ from: request.from, body: request.body, signal: controller.signal });
    } catch (error) {
      answer = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    void answer
      .then(
        (body): NodeMessage => ({ kind: 'reply', id: request.id, body }),
        (error: unknown): NodeMessage => ({ kind: 'failure', id: request.id, error: describeError(error) }),
      )
      .then((reply) => {
        serving.delete(key);
        // A cancelled request's sender has stopped waiting.
        if (!controller.signal.aborted) sendQuietly(request.from, reply);
      });
  };

  const onMessage = (message: NodeMessage) => {
    switch (message.kind) {
      case 'request':
        if (!closed) serve(message);
        return;
      case 'cancel':
        serving.get(`${message.from} ${message.id}`)?.abort();
        return;
      case 'reply':
      case 'failure': {
        const waiter = waiting.get(message.id);
        if (!waiter) return; // Late: its caller gave up already.
        if (message.kind === 'reply') waiter.resolve(message.body);
        else
          waiter.reject(
            new LivedeskError(message.error.code, message.error.message, {
              retryable: message.error.retryable,
            }),
          );
        return;
      }
    }
  };

  const unsubscribe: Unsubscribe = await bus.subscribe(nodeChannel(nodeId), {
    schema: NodeMessageSchema,
    onMessage,
    onInvalid: options.onInvalid ?? ((error) => console.error('invalid message on node channel', { error })),
  });

  return {
    async request<T>(request: OwnerRequestOptions<T>): Promise<T> {
      if (closed) throw new LivedeskError('unavailable', 'this node is shutting down', { retryable: true });
      const timeoutMs = request.timeoutMs ?? defaultTimeoutMs;
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
      if (request.signal?.aborted)
        throw new LivedeskError('aborted', 'the request was aborted', { cause: request.signal.reason });
      const id = newId();
      const reply = new Promise<JsonValue>((resolve, reject) => {
        const settle = () => {
          signal.removeEventListener('abort', onAbort);
          waiting.delete(id);
        };
        const onAbort = () => {
          settle();
          sendQuietly(request.nodeId, { kind: 'cancel', id, from: nodeId });
          reject(
            request.signal?.aborted
              ? new LivedeskError('aborted', 'the request was aborted', { cause: request.signal.reason })
              : new LivedeskError('timeout', `node ${request.nodeId} did not answer within ${timeoutMs} ms`, {
                  retryable: true,
                }),
          );
        };
        signal.addEventListener('abort', onAbort, { once: true });
        waiting.set(id, {
          resolve: (body) => {
            settle();
            resolve(body);
          },
          reject: (error) => {
            settle();
            reject(error);
          },
        });
      });
      // The reply may fail (a timeout) while the request is still being sent, before anyone awaits it.
      reply.catch(() => undefined);
      // Registered before sending, so a reply that comes back at once is never missed.
      try {
        const receivers = await send(request.nodeId, {
          kind: 'request',
          id,
          from: nodeId,
          body: request.body,
        });
        if (receivers === 0)
          waiting.get(id)?.reject(
            new LivedeskError('unavailable', `node ${request.nodeId} is not listening`, {
              retryable: true,
            }),
          );
      } catch (error) {
        waiting.get(id)?.reject(error instanceof Error ? error : new Error(String(error)));
      }
      const body = await reply;
      const parsed = request.schema.safeParse(body);
      if (!parsed.success)
        throw new LivedeskError('internal', `node ${request.nodeId} sent a reply this node cannot read`, {
          cause: parsed.error,
        });
      return parsed.data;
    },
    close() {
      if (closed) return;
      closed = true;
      unsubscribe();
      for (const controller of serving.values()) controller.abort();
      serving.clear();
      for (const waiter of [...waiting.values()])
        waiter.reject(new LivedeskError('unavailable', 'this node is shutting down', { retryable: true }));
    },
  };
}

/** What a sender may see of a handler's failure: a LivedeskError's code and message, nothing else. */
function describeError(error: unknown): { code: LivedeskErrorCode; message: string; retryable: boolean } {
  if (error instanceof LivedeskError)
    return { code: error.code, message: error.message, retryable: error.retryable };
  return { code: 'internal', message: 'the owning node failed to handle the request', retryable: false };
}

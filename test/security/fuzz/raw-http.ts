import http from 'node:http';

export interface RawRequest {
  method: string;
  /** Path and query exactly as they go on the request line (already percent-encoded, or deliberately not). */
  target: string;
  headers: Record<string, string>;
  body?: Buffer;
}

export type RawResponse = { status: number; body: string } | { error: string };

// A fresh connection per request: a reset then belongs to that request, never to a stale keep-alive socket.
const agent = new http.Agent({ keepAlive: false, maxSockets: 16 });

/**
 * One request through node:http rather than fetch, so the fuzz can send what fetch refuses to: request
 * targets with bad percent-encoding, any method, bodies on GET, bytes that are not UTF-8.
 */
export function sendRaw(baseUrl: string, request: RawRequest, timeoutMs: number): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    let settled = false;
    const settle = (response: RawResponse) => {
      if (settled) return;
      settled = true;
      resolve(response);
    };
    let outgoing: http.ClientRequest;
    try {
      outgoing = http.request({
        agent,
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.target,
        headers: {
          ...request.headers,
          ...(request.body ? { 'content-length': String(request.body.length) } : {}),
        },
      });
    } catch (error) {
      // node:http refuses some targets and headers before sending: not the server's doing.
      settle({ error: `not sent: ${String(error)}` });
      return;
    }
    const timer = setTimeout(() => {
      outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    outgoing.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        clearTimeout(timer);
        settle({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
      });
      response.on('error', (error) => {
        clearTimeout(timer);
        settle({ error: String(error) });
      });
    });
    outgoing.on('error', (error) => {
      clearTimeout(timer);
      settle({ error: String(error) });
    });
    outgoing.end(request.body);
  });
}

/** Frees the keep-alive sockets so the server can close without waiting for them. */
export function closeRawConnections(): void {
  agent.destroy();
}

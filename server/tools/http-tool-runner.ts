import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import { LivedeskError } from '../../knowledge/errors.js';
import { AddressRefusedError, guardedLookup, isPrivateAddress } from '../net/address-guard.js';
import { mapToolResponse } from './map-tool-response.js';
import { renderToolRequest } from './render-tool-request.js';
import type {
  ToolCallContext,
  ToolCallResult,
  ToolFailureCode,
  ToolFields,
  ToolRunner,
} from './tool-call.js';
import { TOOL_SECRET_ENV_PATTERN, type ToolDefinition } from './tool-definition.js';

/** Counts every call by tool and outcome ('ok' or a failure code), with its duration. */
export type ToolCallObserver = (call: {
  tool: string;
  outcome: 'ok' | ToolFailureCode;
  seconds: number;
}) => void;

export interface HttpToolRunnerOptions {
  /** The tools in force now (file and admin), by name; read on every call so edits apply at once. */
  tools: () => ReadonlyMap<string, ToolDefinition>;
  /** Hosts whose tools may reach private and loopback addresses (LIVEDESK_TOOLS_PRIVATE_HOSTS). */
  privateHosts?: readonly string[] | undefined;
  /** Where auth header values are read from: the environment, passed in once. */
  secrets?: Readonly<Record<string, string | undefined>> | undefined;
  onCall?: ToolCallObserver | undefined;
}

class CallFailure extends Error {
  constructor(
    readonly code: ToolFailureCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Calls declared HTTP tools: the host on the definition's allow-list, private addresses refused after DNS
 * unless the host is in `privateHosts`, the definition's timeout joined to the caller's signal, at most
 * `maxResponseBytes` read, JSON only, and the answer mapped to its declared fields. The caller's abort
 * (barge-in) throws `aborted`; everything else is a failed result the viewer never sees.
 */
export function createHttpToolRunner(options: HttpToolRunnerOptions): ToolRunner {
  const privateHosts = new Set((options.privateHosts ?? []).map((host) => host.toLowerCase()));
  return {
    async run(name: string, context: ToolCallContext, signal: AbortSignal): Promise<ToolCallResult> {
      const started = performance.now();
      const finish = (result: { fields: ToolFields } | CallFailure): ToolCallResult => {
        const elapsedMs = performance.now() - started;
        const outcome = result instanceof CallFailure ? result.code : 'ok';
        options.onCall?.({ tool: name, outcome, seconds: elapsedMs / 1000 });
        return result instanceof CallFailure
          ? { ok: false, tool: name, code: result.code, message: result.message, elapsedMs }
          : { ok: true, tool: name, fields: result.fields, elapsedMs };
      };
      const tool = options.tools().get(name);
      if (!tool) return finish(new CallFailure('unknown_tool', `no tool ${name}`));
      try {
        const document = await call(tool, context, signal, { privateHosts, secrets: options.secrets ?? {} });
        const mapped = mapToolResponse(tool, document);
        if (!mapped.ok) return finish(new CallFailure('mapping', mapped.message));
        return finish({ fields: mapped.fields });
      } catch (error) {
        if (signal.aborted)
          throw new LivedeskError('aborted', 'the tool call was aborted', { cause: signal.reason });
        if (error instanceof CallFailure) return finish(error);
        throw error;
      }
    },
  };
}

async function call(
  tool: ToolDefinition,
  context: ToolCallContext,
  signal: AbortSignal,
  options: { privateHosts: ReadonlySet<string>; secrets: Readonly<Record<string, string | undefined>> },
): Promise<unknown> {
  const rendered = renderToolRequest(tool, context);
  if (!rendered.ok) throw new CallFailure(rendered.code, rendered.message);
  const { url, body } = rendered;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (!tool.allowedHosts.includes(host)) throw new CallFailure('host_refused', `${host} is not allowed`);
  const allowPrivate = options.privateHosts.has(host);
  // An IP literal is connected to without a DNS lookup, so it is checked here.
  if (isIP(host) !== 0 && !allowPrivate && isPrivateAddress(host))
    throw new CallFailure('address_refused', `${host} is a private address`);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (tool.auth) {
    // Checked again at call time: a definition saved before the rule, or built in code, cannot widen it.
    const secret = TOOL_SECRET_ENV_PATTERN.test(tool.auth.env) ? options.secrets[tool.auth.env] : undefined;
    if (!secret) throw new CallFailure('auth_missing', `${tool.auth.env} is not set`);
    headers[tool.auth.header.toLowerCase()] = `${tool.auth.prefix}${secret}`;
  }
  const deadline = AbortSignal.timeout(tool.timeoutMs);
  const combined = AbortSignal.any([signal, deadline]);
  const text = await new Promise<Buffer>((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(
      url,
      {
        method: tool.method,
        headers,
        signal: combined,
        lookup: guardedLookup(allowPrivate),
        agent: false,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status < 200 || status > 299) {
          response.resume();
          return reject(new CallFailure('http_status', `HTTP ${status}`));
        }
        const type = response.headers['content-type'] ?? '';
        if (!/^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i.test(type)) {
          response.resume();
          return reject(new CallFailure('content_type', `content-type ${type || 'missing'}`));
        }
        const declared = Number(response.headers['content-length'] ?? NaN);
        if (declared > tool.maxResponseBytes) {
          response.destroy();
          return reject(new CallFailure('too_large', `${declared} bytes`));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > tool.maxResponseBytes) {
            response.destroy();
            reject(new CallFailure('too_large', `over ${tool.maxResponseBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => resolve(Buffer.concat(chunks)));
        response.on('error', (error) => reject(error));
      },
    );
    request.on('error', reject);
    if (body !== undefined) request.end(body);
    else request.end();
  }).catch((error: unknown) => {
    if (error instanceof CallFailure) throw error;
    if (signal.aborted) throw error;
    if (deadline.aborted) throw new CallFailure('timeout', `no answer within ${tool.timeoutMs} ms`);
    if (error instanceof AddressRefusedError) throw new CallFailure('address_refused', error.message);
    throw new CallFailure('network', error instanceof Error ? error.message : 'network error');
  });
  try {
    return JSON.parse(text.toString('utf8')) as unknown;
  } catch {
    throw new CallFailure('malformed', 'the response is not JSON');
  }
}

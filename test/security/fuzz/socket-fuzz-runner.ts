import type { z } from 'zod';
import { mutateJson, mutateText, writeJson, type Json } from './fuzz-json.js';
import { FuzzRandom, replayHint } from './fuzz-random.js';
import { FuzzSocket, isRefusalCloseCode, type ServerFrame } from './fuzz-socket.js';

/** What one channel contributes: where it is, what it accepts, how a session opens. */
export interface SocketChannelSpec {
  url: string;
  /** The server → client frame schema: every frame the server sends must match it. */
  serverFrames: z.ZodType;
  /** The server's own validator, run here to know whether a payload is a well-formed frame. */
  parse: (raw: string) => { ok: true; frame: unknown } | { ok: false };
  maxPayloadBytes: number;
  frameTypes: readonly string[];
  /** The first frame of a session (join, auth), usually valid; a session may also start without it. */
  opening: (random: FuzzRandom) => Json;
  /** A well-formed frame of any type, from the schema, with ids the server knows some of the time. */
  validFrame: (random: FuzzRandom) => Json;
}

/** A change the server acknowledged with a place in the log: it must be in the history afterwards. */
export interface AckedChange {
  conversationId: string;
  sequence: number;
  /** The frame that was acknowledged, as sent. */
  frame: Record<string, unknown>;
  clientMessageId: string;
  /**
   * Its id was sent once in the whole run, so the frame is known for certain: a resent id is acknowledged
   * with the original message's place (idempotent messages), whatever the resend carried.
   */
  unambiguous: boolean;
}

export interface SocketFuzzResult {
  /** Payloads sent, by kind. */
  sent: Record<string, number>;
  closeCodes: Record<string, number>;
  errorCodes: Record<string, number>;
  sessions: number;
  upgradesRefused: number;
  acked: AckedChange[];
  failures: string[];
}

type PayloadKind = 'valid' | 'mutated' | 'text' | 'binary' | 'invalid-utf8' | 'oversized';

interface Payload {
  kind: PayloadKind;
  bytes: Buffer;
  binary: boolean;
  /** Whether the server's validator accepts it. */
  wellFormed: boolean;
  /** The frame as the validator returns it, when it accepts it. */
  frame: Record<string, unknown> | undefined;
}

const PING = '{"type":"ping"}';
/** Short sessions keep the ping after each case clear of the per-socket frame limit. */
const MAX_CASES_PER_SESSION = 12;

function textPayload(kind: PayloadKind, text: string, spec: SocketChannelSpec): Payload {
  const bytes = Buffer.from(text, 'utf8');
  // The server parses the decoded bytes; lone surrogates in raw text arrive as U+FFFD.
  const decoded = bytes.toString('utf8');
  const parsed = spec.parse(decoded);
  // As the server reads it: unknown keys dropped, so an id on a frame type that has none is not awaited.
  const frame = parsed.ok ? (parsed.frame as Record<string, unknown>) : undefined;
  return { kind, bytes, binary: false, wellFormed: parsed.ok, frame };
}

function makePayload(random: FuzzRandom, spec: SocketChannelSpec, base: Json): Payload {
  const kind = random.weighted<PayloadKind>([
    [30, 'valid'],
    [42, 'mutated'],
    [18, 'text'],
    [6, 'binary'],
    [2, 'invalid-utf8'],
    [2, 'oversized'],
  ]);
  switch (kind) {
    case 'valid':
      return textPayload(kind, JSON.stringify(base), spec);
    case 'mutated':
      return textPayload(kind, writeJson(mutateJson(random, base, spec.frameTypes)), spec);
    case 'text': {
      const source = random.chance(0.5) ? JSON.stringify(base) : writeJson(mutateJson(random, base));
      return textPayload(kind, mutateText(random, source), spec);
    }
    case 'binary': {
      const bytes = random.chance(0.5)
        ? Buffer.from(JSON.stringify(base), 'utf8')
        : Buffer.from(Array.from({ length: random.int(0, 512) }, () => random.int(0, 255)));
      return { kind, bytes, binary: true, wellFormed: false, frame: undefined };
    }
    case 'invalid-utf8': {
      const bytes = Buffer.concat([
        Buffer.from('{"type":"ping","x":"', 'utf8'),
        Buffer.from(random.pick([[0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]])),
        Buffer.from('"}', 'utf8'),
      ]);
      return { kind, bytes, binary: false, wellFormed: false, frame: undefined };
    }
    case 'oversized': {
      const text = `{"type":"ping","pad":"${'x'.repeat(spec.maxPayloadBytes + random.int(1, 4096))}"}`;
      return { kind, bytes: Buffer.from(text, 'utf8'), binary: false, wellFormed: false, frame: undefined };
    }
  }
}

function preview(payload: Payload): string {
  const text = payload.binary
    ? `<binary ${payload.bytes.toString('hex').slice(0, 80)}>`
    : payload.bytes.toString('utf8');
  const shown = text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
  return `${payload.kind} ${JSON.stringify(shown)}`;
}

function count(into: Record<string, number>, key: string): void {
  into[key] = (into[key] ?? 0) + 1;
}

/** A per-worker generator derived from the run's seed, so each worker's cases replay alone. */
function workerRandom(seed: number, worker: number): FuzzRandom {
  return new FuzzRandom((seed ^ Math.imul(worker + 1, 0x9e3779b9)) >>> 0);
}

/**
 * Sends `cases` payloads over `workers` concurrent sockets, each session opening (usually) with a valid
 * join or auth and then sending valid, mutated, truncated, binary, invalid-UTF-8 and oversized frames.
 * After each payload a ping follows: its pong (or a close) marks the payload handled. Checks per case:
 * a payload the validator refuses gets an error frame or a refusal close; nothing waits past
 * `caseTimeoutMs`; no `internal` error; every server frame fits the channel's schema.
 */
export async function runSocketFuzz(options: {
  spec: SocketChannelSpec;
  seed: number;
  cases: number;
  workers: number;
  caseTimeoutMs?: number;
}): Promise<SocketFuzzResult> {
  const { spec, seed } = options;
  const caseTimeoutMs = options.caseTimeoutMs ?? 10_000;
  const result: SocketFuzzResult = {
    sent: {},
    closeCodes: {},
    errorCodes: {},
    sessions: 0,
    upgradesRefused: 0,
    acked: [],
    failures: [],
  };
  const perWorker = Math.ceil(options.cases / options.workers);
  const idsSent = new Map<string, number>();

  const runWorker = async (worker: number): Promise<void> => {
    const random = workerRandom(seed, worker);
    let caseIndex = 0;
    let session = 0;
    while (caseIndex < perWorker) {
      session += 1;
      const where = `${replayHint(seed)} worker ${worker} session ${session}`;
      const opened = await FuzzSocket.open(spec.url, spec.serverFrames);
      if ('refused' in opened) {
        result.upgradesRefused += 1;
        caseIndex += 1;
        await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
      result.sessions += 1;
      const socket = opened;
      const awaited = new Map<string, number>();
      const sentFrames = new Map<string, Record<string, unknown>[]>();
      const sessionCases = Math.min(random.int(3, MAX_CASES_PER_SESSION), perWorker - caseIndex);
      for (let inSession = 0; inSession < sessionCases && socket.isOpen; inSession++) {
        caseIndex += 1;
        const label = `${where} case ${caseIndex}`;
        const opening = inSession === 0 && random.chance(0.8);
        const base = opening ? spec.opening(random) : spec.validFrame(random);
        const payload =
          opening && random.chance(0.85)
            ? textPayload('valid', JSON.stringify(base), spec)
            : makePayload(random, spec, base);
        count(result.sent, payload.kind);
        const from = socket.frames.length;
        socket.sendBytes(payload.bytes, payload.binary);
        socket.sendText(PING);
        // A payload that is itself a ping gets its own pong first (unless it was refused, e.g. rate
        // limited); the sentinel's pong is the one that marks the case handled.
        let outcome = await socket.waitFor((frame) => frame.type === 'pong', from, caseTimeoutMs);
        if (
          payload.frame?.type === 'ping' &&
          outcome.kind === 'frame' &&
          !socket.frames
            .slice(from, outcome.index)
            .some((frame) => frame.type === 'error' && frame.clientMessageId === undefined)
        )
          outcome = await socket.waitFor((frame) => frame.type === 'pong', outcome.index + 1, caseTimeoutMs);
        const answered = socket.frames.slice(from, outcome.kind === 'frame' ? outcome.index : undefined);
        if (outcome.kind === 'timeout') {
          result.failures.push(
            `${label}: no pong or close within ${caseTimeoutMs} ms after ${preview(payload)}`,
          );
          break;
        }
        for (const frame of answered) if (frame.type === 'error') count(result.errorCodes, frame.code ?? '?');
        if (answered.some((frame) => frame.type === 'error' && frame.code === 'internal'))
          result.failures.push(`${label}: internal error after ${preview(payload)}`);
        const refusedByFrame = answered.some((frame) => frame.type === 'error');
        if (outcome.kind === 'closed') {
          const code = socket.closeCode ?? 0;
          // ws itself closes 1007 on a text frame that is not UTF-8, before the application sees it.
          const expected = isRefusalCloseCode(code) || (code === 1007 && payload.kind === 'invalid-utf8');
          if (!expected) result.failures.push(`${label}: closed with ${code} after ${preview(payload)}`);
        } else if (!payload.wellFormed && !refusedByFrame) {
          result.failures.push(`${label}: bad frame answered without an error frame: ${preview(payload)}`);
        }
        const clientMessageId = payload.frame?.clientMessageId;
        if (payload.frame && typeof clientMessageId === 'string') {
          // Before a join or sign-in the refusal carries no id (not_joined, unauthenticated).
          if (hasSession(socket.frames.slice(0, from))) awaited.set(clientMessageId, from);
          sentFrames.set(clientMessageId, [...(sentFrames.get(clientMessageId) ?? []), payload.frame]);
          idsSent.set(clientMessageId, (idsSent.get(clientMessageId) ?? 0) + 1);
        }
      }
      // Every change sent with an id is answered (ack or error) while the socket stays open.
      for (const [clientMessageId, from] of awaited) {
        const outcome = await socket.waitFor(
          (frame) =>
            (frame.type === 'ack' || frame.type === 'error') && frame.clientMessageId === clientMessageId,
          from,
          caseTimeoutMs,
        );
        if (outcome.kind === 'timeout')
          result.failures.push(
            `${where}: no ack or error for clientMessageId ${JSON.stringify(clientMessageId)} after ${JSON.stringify(sentFrames.get(clientMessageId)).slice(0, 600)}`,
          );
      }
      const joinedConversation = socket.frames.find((frame) => frame.type === 'joined')?.conversationId;
      for (const frame of socket.frames) {
        if (frame.type !== 'ack' || typeof frame.sequence !== 'number' || frame.clientMessageId === undefined)
          continue;
        const candidates = sentFrames.get(frame.clientMessageId) ?? [];
        const sent = candidates[0];
        const conversationId =
          typeof sent?.conversationId === 'string' ? sent.conversationId : joinedConversation;
        if (!sent || conversationId === undefined) continue;
        result.acked.push({
          conversationId,
          sequence: frame.sequence,
          frame: sent,
          clientMessageId: frame.clientMessageId,
          unambiguous: true,
        });
      }
      for (const text of socket.malformed)
        result.failures.push(`${where}: server frame outside the channel's schema: ${text}`);
      await socket.close();
      count(result.closeCodes, String(socket.closeCode ?? 'none'));
    }
  };

  await Promise.all(Array.from({ length: options.workers }, (_, worker) => runWorker(worker)));
  for (const change of result.acked) change.unambiguous = idsSent.get(change.clientMessageId) === 1;
  return result;
}

function hasSession(frames: readonly ServerFrame[]): boolean {
  return frames.some((frame) => frame.type === 'joined' || frame.type === 'authenticated');
}

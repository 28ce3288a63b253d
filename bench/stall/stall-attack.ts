import { monitorEventLoopDelay } from 'node:perf_hooks';
import type WebSocket from 'ws';
import { distinctText } from './distinct-text.js';
import { anonymousViewerToken, closeAll, joinFrom, timedGet, type ServerFrame } from './local-client.js';

export interface StallAttackOptions {
  url: string;
  secret: string;
  /** Attacking viewer sessions, `sessionsPerAddress` from each of 127.0.0.2, 127.0.0.3, … */
  sessions: number;
  sessionsPerAddress: number;
  messagesPerSession: number;
  charactersPerMessage: number;
  /** The attack is over once nothing has reached an attacker for this long (or at `maxAttackMs`). */
  quietMs: number;
  maxAttackMs: number;
  progress: (line: string) => void;
}

/** A message the server acknowledged: it must be in the log with this sequence and text. */
export interface AcknowledgedMessage {
  conversationId: string;
  sequence: number;
  text: string;
}

export interface StallAttackResult {
  attackMs: number;
  addresses: number;
  sent: number;
  acknowledged: AcknowledgedMessage[];
  /** Messages the server answered with an error frame (over a limit), by code. */
  refused: Record<string, number>;
  /** Messages that got neither an ack nor an error. */
  unanswered: number;
  /** `/healthz` from an address of its own, a request every 20 ms, during the attack. */
  healthzMs: number[];
  /** The same, and the victim's acks, for `quietMs` before the attack: what this machine gives with no attack. */
  quietHealthzMs: number[];
  quietVictimAckMs: number[];
  healthzFailures: number;
  /** A viewer from yet another address, writing every 250 ms: message → ack, during the attack. */
  victimAckMs: number[];
  victimUnacknowledged: number;
  /**
   * The generator's own event-loop delay during the attack (p99, ms): when it is large, the latencies
   * above include the generator's wait, not only the server's.
   */
  generatorLagP99Ms: number;
  /** The victim's messages answered with an error frame: a limit that hits the innocent. */
  victimRefused: number;
}

const VICTIM_ADDRESS = '127.0.0.250';
const PROBE_ADDRESS = '127.0.0.251';
const VICTIM_INTERVAL_MS = 250;
const PROBE_INTERVAL_MS = 20;
/** Measured before the attack, to tell the attack's cost from a busy machine's. */
const QUIET_MS = 3000;

/** A latency and when its request left, so only those sent during the attack are counted. */
interface Sample {
  at: number;
  ms: number;
}

function during(samples: readonly Sample[], fromMs: number, toMs: number): number[] {
  return samples.filter((sample) => sample.at >= fromMs && sample.at <= toMs).map((sample) => sample.ms);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Finding 4 of issue 12: anonymous viewers, each within every per-viewer and per-address limit, send
 * back-to-back messages of distinct characters, so every message is matched from scratch and each one
 * interrupts the turn before it. Meanwhile a health probe and an unrelated viewer measure how long the
 * server takes to answer them.
 */
export async function runStallAttack(options: StallAttackOptions): Promise<StallAttackResult> {
  const addresses = Math.ceil(options.sessions / options.sessionsPerAddress);
  const healthz: Sample[] = [];
  let healthzFailures = 0;
  // Open loop: a probe leaves every PROBE_INTERVAL_MS whether or not the last one came back, so a stall
  // shows as every probe it held up, not as one slow sample.
  const probes: Promise<void>[] = [];
  const probe = async (): Promise<void> => {
    const at = performance.now();
    try {
      const answer = await timedGet(`${options.url}/healthz`, PROBE_ADDRESS);
      if (answer.status === 200) healthz.push({ at, ms: answer.ms });
      else healthzFailures += 1;
    } catch {
      healthzFailures += 1;
    }
  };
  const probeTimer = setInterval(() => probes.push(probe()), PROBE_INTERVAL_MS);

  const victimSent = new Map<string, number>();
  const victimAcks: Sample[] = [];
  let victimRefused = 0;
  const victim = await joinFrom({
    url: options.url,
    localAddress: VICTIM_ADDRESS,
    token: await anonymousViewerToken(options.secret, 'victim-room'),
    onFrame: (frame) => {
      if (frame.clientMessageId === undefined) return;
      const sentAt = victimSent.get(frame.clientMessageId);
      if (sentAt === undefined) return;
      victimSent.delete(frame.clientMessageId);
      if (frame.type === 'ack') victimAcks.push({ at: sentAt, ms: performance.now() - sentAt });
      else victimRefused += 1;
    },
  });
  let victimCount = 0;
  const victimTimer = setInterval(() => {
    victimCount += 1;
    const clientMessageId = `victim-${victimCount}`;
    victimSent.set(clientMessageId, performance.now());
    victim.socket.send(JSON.stringify({ type: 'message', text: '怎么充值金币？', clientMessageId }));
  }, VICTIM_INTERVAL_MS);

  options.progress(`  ${options.sessions} attackers joining from ${addresses} addresses`);
  let lastAttackerFrameMs = performance.now();
  const pending = new Map<string, { conversationId: string; text: string }>();
  const acknowledged: AcknowledgedMessage[] = [];
  const refused: Record<string, number> = {};
  const attackers: { socket: WebSocket; conversationId: string; index: number }[] = [];
  await Promise.all(
    Array.from({ length: options.sessions }, async (_, index) => {
      const localAddress = `127.0.0.${2 + Math.floor(index / options.sessionsPerAddress)}`;
      const joined = await joinFrom({
        url: options.url,
        localAddress,
        token: await anonymousViewerToken(options.secret, 'attack-room'),
        onFrame: (frame: ServerFrame) => {
          lastAttackerFrameMs = performance.now();
          if (frame.clientMessageId === undefined) return;
          const message = pending.get(frame.clientMessageId);
          if (!message) return;
          pending.delete(frame.clientMessageId);
          if (frame.type === 'ack' && frame.sequence !== undefined)
            acknowledged.push({ ...message, sequence: frame.sequence });
          else {
            const reason = `${frame.code ?? frame.type}: ${frame.message ?? ''}`;
            refused[reason] = (refused[reason] ?? 0) + 1;
          }
        },
      });
      attackers.push({ ...joined, index });
    }),
  );
  // Texts are made before the clock starts: the generator's own work is not the server's.
  const texts = attackers.map(() =>
    Array.from({ length: options.messagesPerSession }, () => distinctText(options.charactersPerMessage)),
  );
  const quietFrom = performance.now();
  await sleep(QUIET_MS);
  const quietTo = performance.now();
  options.progress(`  attack: ${options.sessions} × ${options.messagesPerSession} messages`);
  const started = performance.now();
  lastAttackerFrameMs = started;
  const generatorLag = monitorEventLoopDelay({ resolution: 10 });
  generatorLag.enable();
  attackers.forEach((attacker, position) => {
    texts[position]!.forEach((text, message) => {
      const clientMessageId = `a${attacker.index}-${message}`;
      pending.set(clientMessageId, { conversationId: attacker.conversationId, text });
      attacker.socket.send(JSON.stringify({ type: 'message', text, clientMessageId }));
    });
  });
  while (
    performance.now() - started < options.maxAttackMs &&
    (pending.size > 0 || performance.now() - lastAttackerFrameMs < options.quietMs)
  )
    await sleep(50);
  const attackMs = performance.now() - started;
  generatorLag.disable();
  clearInterval(victimTimer);
  // The victim's messages sent during the attack get their acks (or are counted as missing).
  const victimDeadline = performance.now() + 10_000;
  while (victimSent.size > 0 && performance.now() < victimDeadline) await sleep(50);
  clearInterval(probeTimer);
  await Promise.all(probes);
  await closeAll([victim.socket, ...attackers.map((attacker) => attacker.socket)]);
  return {
    attackMs,
    addresses,
    sent: options.sessions * options.messagesPerSession,
    acknowledged,
    refused,
    unanswered: pending.size,
    healthzMs: during(healthz, started, started + attackMs),
    quietHealthzMs: during(healthz, quietFrom, quietTo),
    quietVictimAckMs: during(victimAcks, quietFrom, quietTo),
    healthzFailures,
    victimAckMs: during(victimAcks, started, started + attackMs),
    victimUnacknowledged: victimSent.size,
    generatorLagP99Ms: generatorLag.count > 0 ? generatorLag.percentile(99) / 1e6 : 0,
    victimRefused,
  };
}

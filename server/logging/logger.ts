import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LoggerOptions {
  /** Default 'info'. */
  level?: LogLevel;
  /** Where the JSON lines go; default standard output. Tests pass a stream they read back. */
  destination?: DestinationStream;
}

/**
 * The server's structured log: one JSON object per line, a fixed message plus fields (requestId,
 * conversationId, accountId…). Viewer text goes only in `viewerText` fields, which are redacted here
 * so a deployment never writes it by accident; created once per server, never a module singleton.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'livedesk' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: ['viewerText', '*.viewerText'], censor: '[redacted]' },
      serializers: { error: pino.stdSerializers.err, err: pino.stdSerializers.err },
    },
    options.destination,
  );
}

/** For parts built without a logger (unit tests): writes nothing. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

import type { LiveContext } from '../../engine/ports.js';
import type { ViewerProfile } from '../../engine/conversation/transcript.js';

export type ScalarValue = string | number | boolean;
/** A tool's mapped response: its named fields, lists as arrays of flat records. */
export type ToolFields = Record<string, ScalarValue | Record<string, ScalarValue>[]>;

/** What one answer's tool calls may read: Livedesk's own facts and the earlier calls' fields. */
export interface ToolCallContext {
  conversationId: string;
  /** Absent: the viewer is anonymous, and no tool that reads `viewer.*` runs. */
  verified?: NonNullable<ViewerProfile['verified']> | undefined;
  liveContext: LiveContext;
  /** Fields of the tools already run for this answer, by tool name. */
  results?: ReadonlyMap<string, ToolFields> | undefined;
}

export type ToolFailureCode =
  | 'unknown_tool'
  | 'not_verified'
  | 'missing_argument'
  | 'host_refused'
  | 'address_refused'
  | 'auth_missing'
  | 'timeout'
  | 'network'
  | 'http_status'
  | 'content_type'
  | 'too_large'
  | 'malformed'
  | 'mapping';

export type ToolCallResult =
  | { ok: true; tool: string; fields: ToolFields; elapsedMs: number }
  | { ok: false; tool: string; code: ToolFailureCode; message: string; elapsedMs: number };

/** Runs declared tools. Failures are results (the caller falls back); an abort by the caller throws. */
export interface ToolRunner {
  run(tool: string, context: ToolCallContext, signal: AbortSignal): Promise<ToolCallResult>;
}

import { AgentFrameSchema, type AgentFrame } from './agent-frames.js';

const AGENT_FRAME_TYPES: ReadonlySet<string> = new Set(
  AgentFrameSchema.options.map((option) => option.shape.type.value),
);

export type ParsedAgentFrame =
  | { ok: true; frame: AgentFrame }
  | { ok: false; code: 'invalid_json' | 'invalid_frame' | 'unknown_type'; message: string };

/** Validates one incoming console frame; the message names what is wrong without echoing the text. */
export function parseAgentFrame(raw: string): ParsedAgentFrame {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, code: 'invalid_json', message: 'the frame is not JSON' };
  }
  const type = typeof json === 'object' && json !== null && 'type' in json ? json.type : undefined;
  if (typeof type !== 'string' || !AGENT_FRAME_TYPES.has(type)) {
    return {
      ok: false,
      code: 'unknown_type',
      message: `unknown frame type; expected one of ${[...AGENT_FRAME_TYPES].join(', ')}`,
    };
  }
  const parsed = AgentFrameSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'frame'}: ${issue.message}`,
    );
    return { ok: false, code: 'invalid_frame', message: problems.join('; ') };
  }
  return { ok: true, frame: parsed.data };
}

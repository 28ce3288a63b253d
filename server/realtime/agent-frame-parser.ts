import { AgentFrameSchema, type AgentFrame } from './agent-frames.js';
import { createFrameParser, type ParsedFrame } from './frame-parser.js';

export type ParsedAgentFrame = ParsedFrame<AgentFrame>;

/** Validates one incoming console frame. */
export const parseAgentFrame: (raw: string) => ParsedAgentFrame = createFrameParser(AgentFrameSchema);

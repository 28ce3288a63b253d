import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { LivedeskError } from '../../knowledge/errors.js';
import { ToolDefinitionSchema, type ToolDefinition } from './tool-definition.js';

export const ToolsFileSchema = z
  .object({ tools: z.array(ToolDefinitionSchema).max(200) })
  .refine((file) => new Set(file.tools.map((tool) => tool.name)).size === file.tools.length, {
    message: 'tool names must be unique',
  });

/** The tools of a JSON document `{ "tools": [...] }`, each checked; every problem named with its path. */
export function parseToolsFile(text: string, origin: string): ToolDefinition[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new LivedeskError('invalid_input', `${origin}: not valid JSON`);
  }
  const parsed = ToolsFileSchema.safeParse(document);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
      .join('\n');
    throw new LivedeskError('invalid_input', `${origin}: invalid tool definitions:\n${problems}`);
  }
  return parsed.data.tools;
}

/** LIVEDESK_TOOLS_FILE: read and checked once at start; a bad file stops start-up. */
export async function loadToolsFile(file: string): Promise<ToolDefinition[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new LivedeskError('invalid_input', `LIVEDESK_TOOLS_FILE ${file} cannot be read`, { cause: error });
  }
  return parseToolsFile(text, `LIVEDESK_TOOLS_FILE ${file}`);
}

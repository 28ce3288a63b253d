import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseToolsFile } from '../tools/load-tools-file.js';
import type { ToolDefinition } from '../tools/tool-definition.js';

export const DEMO_TOOLS_FILE = path.resolve(import.meta.dirname, 'demo-tools.json');
/** The origin written in demo-tools.json; replaced by where the demo shop really listens. */
const DEMO_TOOLS_ORIGIN = 'http://127.0.0.1:4010';

/** The demo tools pointed at a running demo shop (its port may differ from the file's 4010). */
export async function loadDemoTools(shopUrl: string): Promise<ToolDefinition[]> {
  const text = await readFile(DEMO_TOOLS_FILE, 'utf8');
  return parseToolsFile(text.split(DEMO_TOOLS_ORIGIN).join(shopUrl), DEMO_TOOLS_FILE);
}

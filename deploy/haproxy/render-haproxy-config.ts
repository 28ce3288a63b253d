import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LivedeskError } from '../../knowledge/errors.js';

/** deploy/haproxy/livedesk.cfg: the configuration operators copy, and the one rendered here. */
export const HAPROXY_TEMPLATE_FILE = path.join(import.meta.dirname, 'livedesk.cfg');

/** The backend that holds the Livedesk nodes in the template; the runtime API names servers under it. */
export const HAPROXY_BACKEND = 'livedesk_nodes';

export interface HaproxyBackend {
  /** `node1`, `node2`…: the server's name in `show stat` and `set server`. */
  name: string;
  /** `host:port` the node listens on. */
  address: string;
}

const BEGIN = /^([ \t]*)# servers:begin[ \t]*$/m;
const END = /^[ \t]*# servers:end[ \t]*$/m;
const SERVER_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const ADDRESS = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d{1,5}$/;

/**
 * The template with its `servers:begin` … `servers:end` block replaced by one `server` line per node.
 * Everything else stays as written, environment variables included, so the rendered file differs from the
 * one operators read only in its node list.
 */
export function renderHaproxyConfig(
  backends: readonly HaproxyBackend[],
  template: string = readFileSync(HAPROXY_TEMPLATE_FILE, 'utf8'),
): string {
  if (backends.length === 0) throw new LivedeskError('invalid_input', 'at least one backend node is needed');
  const names = new Set<string>();
  for (const { name, address } of backends) {
    if (!SERVER_NAME.test(name)) throw new LivedeskError('invalid_input', `bad server name: ${name}`);
    if (!ADDRESS.test(address))
      throw new LivedeskError('invalid_input', `bad node address ${address}: expected host:port`);
    if (names.has(name)) throw new LivedeskError('invalid_input', `server name used twice: ${name}`);
    names.add(name);
  }
  const begin = BEGIN.exec(template);
  const end = END.exec(template);
  if (!begin || !end || end.index < begin.index)
    throw new LivedeskError('invalid_input', 'the template has no `# servers:begin` … `# servers:end` block');
  const indent = begin[1] ?? '';
  const lines = backends.map(({ name, address }) => `${indent}server ${name} ${address} check`);
  const blockEnd = end.index + end[0].length;
  return `${template.slice(0, begin.index)}${[begin[0], ...lines, `${indent}# servers:end`].join('\n')}${template.slice(blockEnd)}`;
}

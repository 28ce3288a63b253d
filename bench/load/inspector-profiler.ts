import { writeFile } from 'node:fs/promises';
import WebSocket from 'ws';

/**
 * A CPU profile of another Node process over its inspector (started with `--inspect=127.0.0.1:PORT`),
 * taken around one phase of a benchmark only, so start-up and connection set-up do not drown it.
 */
export async function startInspectorProfile(
  inspectorPort: number,
): Promise<{ stop(file: string): Promise<void> }> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json/list`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error('no inspector target');
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let nextId = 0;
  const call = (method: string): Promise<unknown> =>
    new Promise((resolve) => {
      const id = ++nextId;
      const onMessage = (data: Buffer): void => {
        const reply = JSON.parse(data.toString('utf8')) as { id?: number; result?: unknown };
        if (reply.id !== id) return;
        socket.off('message', onMessage);
        resolve(reply.result);
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id, method }));
    });
  await call('Profiler.enable');
  await call('Profiler.start');
  return {
    async stop(file) {
      const result = (await call('Profiler.stop')) as { profile: unknown };
      await writeFile(file, JSON.stringify(result.profile));
      socket.close();
    },
  };
}

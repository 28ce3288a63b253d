// The floor for `npm run bench -- cluster`: the least a server can do for one FAQ question and still keep
// Livedesk's promises to the viewer. Per question it commits the rows Livedesk commits per FAQ turn (five
// conversation_events rows of the same shape and size: viewer-message, turn-start, answer-source,
// turn-outcome, turn-end) and sends the frames a Livedesk viewer gets (the viewer-message and turn-start
// events, the ack, one text delta, answer-source, turn-end), acking only once the message is committed
// and ending the turn only once the answer is. What it leaves out is what Livedesk adds: matching, signals,
// tokens, limits, the desk, analytics indexes. Run as a process of its own so its CPU is measured like a
// node's: `PORT=… FLOOR_SQLITE_FILE=… node --import tsx bench/cluster/floor-server.ts`, or
// FLOOR_DATABASE_URL=postgres://… for the PostgreSQL floor.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { WebSocketServer, type WebSocket } from 'ws';

/** The demo knowledge base's answer to the spike's question, so bodies and frames are Livedesk's size. */
const ANSWER =
  '打开 App，进入 我的 > 钱包 > 充值，选择金币档位和支付方式，付款完成后金币会立即到账。1 元 = 10 金币，最低充值 1 元。';
const ENTRY_IDS = ['coins.top-up'];

interface Row {
  conversationId: string;
  sequence: number;
  type: string;
  at: string;
  body: string;
}

/** Commits rows in batches: everything queued in one turn of the event loop goes into one transaction. */
interface RowSink {
  commit(rows: Row[]): Promise<void>;
  close(): Promise<void>;
}

function createSqliteSink(file: string): RowSink {
  const database = new Database(file);
  // Livedesk's settings (adapters/sqlite/create-sqlite-database.ts, LIVEDESK_SQLITE_SYNCHRONOUS=normal).
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.exec(`CREATE TABLE IF NOT EXISTS conversation_events (
    event_id INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    type TEXT NOT NULL,
    at TEXT NOT NULL,
    body TEXT NOT NULL,
    UNIQUE (conversation_id, sequence)
  ) STRICT`);
  const insert = database.prepare(
    'INSERT INTO conversation_events (conversation_id, sequence, type, at, body) VALUES (?, ?, ?, ?, ?)',
  );
  const write = database.transaction((rows: readonly Row[]) => {
    for (const row of rows) insert.run(row.conversationId, row.sequence, row.type, row.at, row.body);
  });
  return groupCommit(
    (rows) => {
      write.immediate(rows);
      return Promise.resolve();
    },
    () => {
      database.close();
      return Promise.resolve();
    },
  );
}

async function createPostgresSink(url: string): Promise<RowSink> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  await pool.query(`CREATE TABLE IF NOT EXISTS conversation_events (
    event_id bigserial PRIMARY KEY,
    conversation_id text NOT NULL,
    sequence int NOT NULL,
    type text NOT NULL,
    at text NOT NULL,
    body jsonb NOT NULL,
    UNIQUE (conversation_id, sequence)
  )`);
  return groupCommit(
    async (rows) => {
      // One statement is one transaction: the batch commits whole or not at all.
      await pool.query(
        `INSERT INTO conversation_events (conversation_id, sequence, type, at, body)
         SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::jsonb[])`,
        [
          rows.map((row) => row.conversationId),
          rows.map((row) => row.sequence),
          rows.map((row) => row.type),
          rows.map((row) => row.at),
          rows.map((row) => row.body),
        ],
      );
    },
    () => pool.end(),
  );
}

/** Batches commits: one in flight at a time, and whatever queued meanwhile goes in the next one. */
function groupCommit(write: (rows: Row[]) => Promise<void>, close: () => Promise<void>): RowSink {
  let queued: { rows: Row[]; resolve: () => void; reject: (error: unknown) => void }[] = [];
  let running = false;
  const flush = async (): Promise<void> => {
    running = true;
    while (queued.length > 0) {
      const batch = queued;
      queued = [];
      try {
        await write(batch.flatMap((item) => item.rows));
        for (const item of batch) item.resolve();
      } catch (error) {
        for (const item of batch) item.reject(error);
      }
    }
    running = false;
  };
  return {
    commit(rows) {
      return new Promise((resolve, reject) => {
        queued.push({ rows, resolve, reject });
        if (!running) setImmediate(() => void flush());
      });
    },
    close,
  };
}

interface Conversation {
  id: string;
  next: number;
}

export interface FloorServer {
  port: number;
  close(): Promise<void>;
}

export async function startFloorServer(options: {
  port: number;
  sqliteFile?: string | undefined;
  databaseUrl?: string | undefined;
}): Promise<FloorServer> {
  const sink = options.databaseUrl
    ? await createPostgresSink(options.databaseUrl)
    : createSqliteSink(options.sqliteFile ?? path.join(process.cwd(), 'floor.sqlite'));
  const server: Server = createServer((request, response) => {
    const ok = request.url === '/healthz';
    response.writeHead(ok ? 200 : 404, { 'content-type': 'application/json' });
    response.end(ok ? '{"status":"ok"}' : '{}');
  });
  const sockets = new WebSocketServer({ server, path: '/ws/viewer', perMessageDeflate: false });
  sockets.on('connection', (socket: WebSocket) => {
    let conversation: Conversation | undefined;
    const event = (sequence: number | undefined, body: string): void =>
      socket.send(
        `{"type":"event",${sequence === undefined ? '' : `"sequence":${sequence},`}"event":${body}}`,
      );
    socket.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString('utf8')) as {
        type: string;
        text?: string;
        clientMessageId?: string;
      };
      if (frame.type === 'join' && conversation === undefined) {
        const joined: Conversation = { id: randomUUID(), next: 1 };
        conversation = joined;
        const at = new Date().toISOString();
        const opened = JSON.stringify({
          type: 'conversation-opened',
          profile: { viewerId: randomUUID(), tier: 'regular' },
          liveContext: { roomId: 'load-room' },
          at,
        });
        const row = {
          conversationId: joined.id,
          sequence: joined.next++,
          type: 'conversation-opened',
          at,
          body: opened,
        };
        void sink.commit([row]).then(() => {
          socket.send(JSON.stringify({ type: 'joined', conversationId: joined.id, state: 'ai' }));
          event(row.sequence, opened);
        });
        return;
      }
      if (frame.type === 'message' && conversation !== undefined)
        void answer(conversation, frame.text ?? '', frame.clientMessageId);
    });

    async function answer(
      into: Conversation,
      text: string,
      clientMessageId: string | undefined,
    ): Promise<void> {
      const at = new Date().toISOString();
      const turnId = randomUUID();
      const message = JSON.stringify({ type: 'viewer-message', text, channel: 'text', at, clientMessageId });
      const start = JSON.stringify({ type: 'turn-start', turnId, question: text });
      const asked: Row[] = [
        { conversationId: into.id, sequence: into.next++, type: 'viewer-message', at, body: message },
        { conversationId: into.id, sequence: into.next++, type: 'turn-start', at, body: start },
      ];
      await sink.commit(asked);
      event(asked[0]!.sequence, message);
      event(asked[1]!.sequence, start);
      socket.send(JSON.stringify({ type: 'ack', clientMessageId, sequence: asked[0]!.sequence }));
      event(undefined, JSON.stringify({ type: 'text-delta', turnId, text: ANSWER, uninterruptible: false }));
      const answeredAt = new Date().toISOString();
      const source = JSON.stringify({
        type: 'answer-source',
        turnId,
        entryIds: ENTRY_IDS,
        composer: 'entry',
      });
      const outcome = JSON.stringify({
        type: 'turn-outcome',
        turnId,
        answered: true,
        entryIds: ENTRY_IDS,
        confidence: 0.9965959014277369,
        anger: 0,
        said: ANSWER,
      });
      const end = JSON.stringify({ type: 'turn-end', turnId, reason: 'done', delivered: ANSWER });
      const answered: Row[] = [
        {
          conversationId: into.id,
          sequence: into.next++,
          type: 'answer-source',
          at: answeredAt,
          body: source,
        },
        {
          conversationId: into.id,
          sequence: into.next++,
          type: 'turn-outcome',
          at: answeredAt,
          body: outcome,
        },
        { conversationId: into.id, sequence: into.next++, type: 'turn-end', at: answeredAt, body: end },
      ];
      await sink.commit(answered);
      event(answered[0]!.sequence, source);
      event(answered[2]!.sequence, end);
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    async close() {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sink.close();
    },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const floor = await startFloorServer({
    port: Number(process.env.PORT ?? 0),
    sqliteFile: process.env.FLOOR_SQLITE_FILE,
    databaseUrl: process.env.FLOOR_DATABASE_URL,
  });
  console.log(`floor listening on 127.0.0.1:${floor.port}`);
  const stop = (): void => void floor.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

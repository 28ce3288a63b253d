import { createInterface } from 'node:readline/promises';
import { createSqliteDatabase } from '../../adapters/sqlite/create-sqlite-database.js';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { LivedeskConfig } from '../config.js';
import { createConversationHub } from '../conversation-runtime.js';
import { createKnowledgeRuntime, databasePath } from '../knowledge-runtime.js';
import { createSignalRuntime, loadConfiguredSignalModel } from '../signals/signal-runtime.js';
import type { CliOutput } from './cli-output.js';
import { sqliteEventLog } from '../storage/sqlite-stores.js';

export interface ChatOptions {
  room?: string | undefined;
  vip: boolean;
  locale?: string | undefined;
  input: NodeJS.ReadableStream;
}

function describe(event: ConversationEvent, output: CliOutput): void {
  switch (event.type) {
    case 'text-delta':
      output.write(event.text);
      return;
    case 'turn-end':
      output.write(event.reason === 'done' ? '\n' : ` [${event.reason}]\n`);
      return;
    case 'answer-source':
      output.write(
        `\n  (from ${event.entryIds.join(', ')}, ${event.composer === 'llm' ? 'written by the LLM' : 'entry as written'})`,
      );
      return;
    // The choices travel in the event, not the text: list them as a person would read them.
    case 'clarify':
      output.write(event.options.map((option, index) => `\n  ${index + 1}. ${option.question}`).join(''));
      return;
    case 'decline':
      output.write(event.closestTopics.map((topic) => `\n  - ${topic.question}`).join(''));
      return;
    case 'handoff':
      output.write(
        `\n  [handed to ${event.packet.team}, priority ${event.packet.priority}: ${event.packet.reasons.join(', ')}]\n  [summary: ${event.packet.summary.text}]`,
      );
      return;
    case 'state-change':
      output.write(`\n  [${event.from} → ${event.to}: ${event.reason}]`);
      return;
    default:
      return;
  }
}

/** `livedesk chat`: talk to the conversation engine in a terminal, as a viewer would in a live room. */
export async function runChat(
  config: LivedeskConfig,
  options: ChatOptions,
  output: CliOutput,
): Promise<number> {
  const learned = await loadConfiguredSignalModel(config.signalsModelFile);
  const runtime = await createKnowledgeRuntime(config);
  const database = createSqliteDatabase(databasePath(config));
  try {
    const hub = createConversationHub({
      config,
      knowledgeBase: runtime.knowledgeBase,
      eventLog: sqliteEventLog(database),
      signals: await createSignalRuntime({ store: runtime.store, learned }),
    });
    const conversation = hub.open(
      {
        profile: {
          viewerId: 'cli-viewer',
          tier: options.vip ? 'vip' : 'regular',
          ...(options.locale ? { locale: options.locale } : {}),
        },
        liveContext: options.room ? { roomId: options.room } : {},
      },
      (event) => describe(event, output),
    );
    output.log(
      `chatting with Livedesk (${runtime.knowledgeBase.matcher.entryCount} entries${config.llm ? `, LLM ${config.llm.model}` : ', no LLM'}). /quit to leave.`,
    );
    const lines = createInterface({ input: options.input, terminal: false });
    for await (const line of lines) {
      const text = line.trim();
      if (text === '/quit') break;
      if (text === '') continue;
      conversation.viewerMessage(text);
      await conversation.idle();
    }
    await hub.flushed();
    return 0;
  } finally {
    database.close();
    await runtime.close();
  }
}

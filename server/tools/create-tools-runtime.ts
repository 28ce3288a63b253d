import type { KnowledgeStore } from '../../knowledge/ports.js';
import type { ToolsConfig } from '../config.js';
import { startDemoShop, DEMO_SHOP_TOKEN_ENV, type DemoShop } from '../demo-shop/demo-shop-server.js';
import { loadDemoTools } from '../demo-shop/demo-tools.js';
import { seedCommerceKnowledge } from '../demo-shop/seed-commerce-knowledge.js';
import type { Logger } from '../logging/logger.js';
import type { FillOutcome } from './fill-answer.js';
import { createAnswerFiller } from './fill-answer.js';
import { createHttpToolRunner, type ToolCallObserver } from './http-tool-runner.js';
import { loadToolsFile } from './load-tools-file.js';
import { createToolCatalog, type ToolCatalog } from './tool-catalog.js';
import type { ToolRunner } from './tool-call.js';
import type { ToolDefinitionStore } from './tool-definition-store.js';
import { randomBytes } from 'node:crypto';
import type { AnswerFillContext } from '../../engine/turn/turn-context.js';

export interface ToolsRuntime {
  catalog: ToolCatalog;
  runner: ToolRunner;
  fillAnswer: (answer: string, context: AnswerFillContext, signal: AbortSignal) => Promise<string>;
  /** The local demo shop, when LIVEDESK_DEMO_SHOP is on. */
  demoShop?: DemoShop | undefined;
  /** Demo commerce entries added to the knowledge store at this start (the caller re-indexes). */
  seededEntries: readonly string[];
  close(): Promise<void>;
}

/**
 * The commerce tools: the tools file, the demo shop and its tools (when on), the admin's stored tools, the
 * runner and the template filler. A bad tools file stops start-up.
 */
export async function createToolsRuntime(options: {
  config: ToolsConfig | undefined;
  store: ToolDefinitionStore;
  /** Where the demo's commerce entries are added when the demo shop is on. */
  knowledgeStore?: KnowledgeStore | undefined;
  logger?: Logger | undefined;
  onCall?: ToolCallObserver | undefined;
  onFill?: ((outcome: FillOutcome) => void) | undefined;
  clock?: (() => Date) | undefined;
}): Promise<ToolsRuntime> {
  const config = options.config ?? { privateHosts: [], maxLlmRounds: 0, secrets: {} };
  const fileTools = config.file ? await loadToolsFile(config.file) : [];
  let demoShop: DemoShop | undefined;
  const secrets: Record<string, string | undefined> = { ...config.secrets };
  const privateHosts = [...config.privateHosts];
  let seededEntries: string[] = [];
  try {
    if (config.demoShop) {
      // A fresh token per start: the demo tools send it, the demo shop checks it.
      const token = config.secrets[DEMO_SHOP_TOKEN_ENV] ?? randomBytes(18).toString('base64url');
      secrets[DEMO_SHOP_TOKEN_ENV] = token;
      demoShop = await startDemoShop({
        port: config.demoShop.port,
        token,
        ...(options.clock ? { clock: options.clock } : {}),
      });
      privateHosts.push('127.0.0.1');
      const declared = new Set(fileTools.map((tool) => tool.name));
      fileTools.push(...(await loadDemoTools(demoShop.url)).filter((tool) => !declared.has(tool.name)));
      if (options.knowledgeStore) {
        seededEntries = await seedCommerceKnowledge(options.knowledgeStore);
        if (seededEntries.length > 0)
          options.logger?.info({ entries: seededEntries }, 'demo commerce entries added');
      }
      options.logger?.info({ url: demoShop.url }, 'demo shop listening');
    }
    const catalog = await createToolCatalog({ fileTools, store: options.store, clock: options.clock });
    const runner = createHttpToolRunner({
      tools: catalog.current,
      privateHosts,
      secrets,
      onCall: options.onCall,
    });
    const fillAnswer = createAnswerFiller({
      runner,
      tools: catalog.current,
      onFill: (outcome, calls) => {
        options.onFill?.(outcome);
        if (outcome.kind === 'fallback')
          options.logger?.info(
            {
              reason: outcome.reason,
              tool: outcome.tool,
              failures: calls.filter((call) => !call.ok).map((call) => !call.ok && call.code),
            },
            'template answer fell back',
          );
      },
    });
    return {
      catalog,
      runner,
      fillAnswer,
      demoShop,
      seededEntries,
      close: async () => {
        await demoShop?.close();
      },
    };
  } catch (error) {
    await demoShop?.close();
    throw error;
  }
}

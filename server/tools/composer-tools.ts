import type { AnswerFillContext } from '../../engine/turn/turn-context.js';
import type { ComposerTool } from '../../engine/ports.js';
import { toolWaves } from './fill-answer.js';
import type { ToolFields, ToolRunner } from './tool-call.js';
import { needsVerifiedViewer, type ToolDefinition } from './tool-definition.js';

/**
 * The tools the LLM composer is offered for one turn: every declared tool this viewer may use (one that
 * reads the verified identity only for an identified viewer). Calling one runs it with the tools it reads
 * from, on Livedesk's own arguments; the model sees the mapped fields or the failure's code, never the
 * shop's raw answer or error text.
 */
export function createComposerTools(options: {
  runner: ToolRunner;
  tools: () => ReadonlyMap<string, ToolDefinition>;
}) {
  return (context: AnswerFillContext): ComposerTool[] => {
    const tools = options.tools();
    const verified = context.profile.verified;
    return [...tools.values()]
      .filter((tool) => {
        const plan = toolWaves([tool.name], tools);
        return plan.ok && (verified !== undefined || !plan.waves.flat().some(needsVerifiedViewer));
      })
      .map((tool) => ({
        name: tool.name,
        description: tool.description,
        async run(signal: AbortSignal) {
          const plan = toolWaves([tool.name], tools);
          if (!plan.ok) return { ok: false as const, reason: plan.reason };
          const results = new Map<string, ToolFields>();
          for (const wave of plan.waves) {
            const outcomes = await Promise.all(
              wave.map((step) =>
                options.runner.run(
                  step.name,
                  {
                    conversationId: context.conversationId,
                    verified,
                    liveContext: context.liveContext,
                    results,
                  },
                  signal,
                ),
              ),
            );
            for (const outcome of outcomes) {
              if (!outcome.ok) return { ok: false as const, reason: outcome.code };
              results.set(outcome.tool, outcome.fields);
            }
          }
          return { ok: true as const, fields: results.get(tool.name) ?? {} };
        },
      }));
  };
}

import { fillTemplate, templateFallback, templatePlaceholders } from '../../knowledge/answer-template.js';
import type { AnswerFillContext } from '../../engine/turn/turn-context.js';
import type { ToolCallContext, ToolCallResult, ToolFields, ToolRunner } from './tool-call.js';
import { needsVerifiedViewer, toolDependencies, type ToolDefinition } from './tool-definition.js';

export type FillOutcome =
  | { kind: 'filled'; tools: string[] }
  | {
      kind: 'fallback';
      reason: 'unknown_tool' | 'not_verified' | 'cycle' | 'tool_failed' | 'missing_field';
      tool?: string;
    };

export interface AnswerFillerOptions {
  runner: ToolRunner;
  tools: () => ReadonlyMap<string, ToolDefinition>;
  /** Every fill, for logs and metrics (which tools ran, or why the fallback went out). */
  onFill?: ((outcome: FillOutcome, calls: readonly ToolCallResult[]) => void) | undefined;
}

/**
 * The tools an answer needs, in waves: each wave's tools depend only on earlier waves (the order tool
 * before the shipment tool that reads `{{order.shipmentId}}`). Undefined with the offending tool when one
 * is unknown or the dependencies loop.
 */
export function toolWaves(
  names: readonly string[],
  tools: ReadonlyMap<string, ToolDefinition>,
): { ok: true; waves: ToolDefinition[][] } | { ok: false; reason: 'unknown_tool' | 'cycle'; tool: string } {
  const needed = new Map<string, ToolDefinition>();
  const pending = [...names];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (needed.has(name)) continue;
    const tool = tools.get(name);
    if (!tool) return { ok: false, reason: 'unknown_tool', tool: name };
    needed.set(name, tool);
    pending.push(...toolDependencies(tool));
  }
  const waves: ToolDefinition[][] = [];
  const done = new Set<string>();
  while (done.size < needed.size) {
    const wave = [...needed.values()].filter(
      (tool) => !done.has(tool.name) && toolDependencies(tool).every((dependency) => done.has(dependency)),
    );
    if (wave.length === 0) {
      const stuck = [...needed.keys()].find((name) => !done.has(name))!;
      return { ok: false, reason: 'cycle', tool: stuck };
    }
    for (const tool of wave) done.add(tool.name);
    waves.push(wave);
  }
  return { ok: true, waves };
}

/**
 * Runs the tools an answer names (and those they depend on), wave by wave, and fills the template; any
 * failure (unknown tool, anonymous viewer for a tool that reads `viewer.*`, a failed call, a field the
 * call did not return, a list where a value belongs) gives the fallback lines instead. An abort throws.
 */
export function createAnswerFiller(options: AnswerFillerOptions) {
  return async function fillAnswer(
    answer: string,
    context: AnswerFillContext,
    signal: AbortSignal,
  ): Promise<string> {
    const calls: ToolCallResult[] = [];
    const fallback = (outcome: FillOutcome & { kind: 'fallback' }) => {
      options.onFill?.(outcome, calls);
      return templateFallback(answer);
    };
    const placeholders = templatePlaceholders(answer);
    const plan = toolWaves(
      [...new Set(placeholders.map((placeholder) => placeholder.tool))],
      options.tools(),
    );
    if (!plan.ok) return fallback({ kind: 'fallback', reason: plan.reason, tool: plan.tool });
    const verified = context.profile.verified;
    const anonymousBlocked = plan.waves.flat().find((tool) => needsVerifiedViewer(tool) && !verified);
    if (anonymousBlocked)
      return fallback({ kind: 'fallback', reason: 'not_verified', tool: anonymousBlocked.name });
    const results = new Map<string, ToolFields>();
    for (const wave of plan.waves) {
      const callContext: ToolCallContext = {
        conversationId: context.conversationId,
        verified,
        liveContext: context.liveContext,
        results,
      };
      const outcomes = await Promise.all(
        wave.map((tool) => options.runner.run(tool.name, callContext, signal)),
      );
      calls.push(...outcomes);
      const failed = outcomes.find((outcome) => !outcome.ok);
      if (failed) return fallback({ kind: 'fallback', reason: 'tool_failed', tool: failed.tool });
      for (const outcome of outcomes) if (outcome.ok) results.set(outcome.tool, outcome.fields);
    }
    const values = new Map<string, string>();
    for (const { tool, field } of placeholders) {
      const value = results.get(tool)?.[field];
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
        values.set(`${tool}.${field}`, String(value));
    }
    const filled = fillTemplate(answer, values);
    if (filled === undefined) return fallback({ kind: 'fallback', reason: 'missing_field' });
    options.onFill?.({ kind: 'filled', tools: calls.map((call) => call.tool) }, calls);
    return filled;
  };
}

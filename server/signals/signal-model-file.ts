import { readFile, writeFile } from 'node:fs/promises';
import { SignalModelSchema, type SignalModel } from '../../engine/signals/learned/signal-model.js';
import { createLearnedSignals, type LearnedSignals } from '../../engine/signals/learned/learned-signals.js';
import { LivedeskError } from '../../knowledge/errors.js';

/** Checks a model's text, naming `source` in every refusal: empty, not JSON, wrong shape, other features. */
export function parseSignalModel(
  text: string,
  source: string,
): { model: SignalModel; learned: LearnedSignals } {
  if (text.trim() === '') throw new LivedeskError('invalid_input', `signal model ${source} is empty`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new LivedeskError('invalid_input', `signal model ${source} is not JSON`);
  }
  const parsed = SignalModelSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(model)'}: ${issue.message}`)
      .join('; ');
    throw new LivedeskError(
      'invalid_input',
      `signal model ${source} is not a Livedesk signal model: ${problems}`,
    );
  }
  try {
    return { model: parsed.data, learned: createLearnedSignals(parsed.data) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new LivedeskError('invalid_input', `signal model ${source}: ${message}`);
  }
}

export async function readSignalModelFile(
  path: string,
): Promise<{ model: SignalModel; learned: LearnedSignals }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new LivedeskError('not_found', `signal model ${path} cannot be read`);
  }
  return parseSignalModel(text, path);
}

export async function writeSignalModelFile(path: string, model: SignalModel): Promise<void> {
  await writeFile(path, `${JSON.stringify(model)}\n`, 'utf8');
}

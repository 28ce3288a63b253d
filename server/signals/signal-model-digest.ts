import { createHash } from 'node:crypto';
import type { SignalModel } from '../../engine/signals/learned/signal-model.js';

/** The model as it is stored (its validated JSON) and a digest of that text: one model, one digest. */
export function storedModelText(model: SignalModel): { text: string; digest: string } {
  const text = JSON.stringify(model);
  return { text, digest: createHash('sha256').update(text).digest('hex') };
}

import type { KnowledgeAnswerer } from '../../engine/turn/turn-context.js';
import type { WorkPacer } from './work-pacer.js';

/**
 * Matching is synchronous CPU work. Started straight from a socket's frame handler, a burst of questions
 * from many viewers is matched back to back and nothing else (health checks, other viewers' acks) runs
 * until the last one is done. Through the pacer, questions are matched in slices with the event loop
 * served between them, and a question whose turn was interrupted while it waited (the viewer wrote again)
 * is dropped unmatched: back-to-back messages cost one match, not one each.
 */
export function createPacedAnswerer(inner: KnowledgeAnswerer, pacer: WorkPacer): KnowledgeAnswerer {
  return {
    ask: (text, options = {}) => pacer.run(() => inner.ask(text, options), { signal: options.signal }),
  };
}

import { deskExtras } from './agent-frames-client.js';
import { viewerCode, viewerTitle } from './console-format.js';
import type { ConsoleTexts } from './console-texts.js';

/**
 * What the queue lists call the viewer of a queue snapshot entry (waiting, or held by someone else): the
 * desk's name for them, marked "(self-named)" when the viewer chose it, as the conversation panel does;
 * without a name, a short label from the viewer id, else from the conversation id.
 */
export function snapshotViewerTitle(
  /** `viewerName` and `viewerSelfNamed` are read through `deskExtras`: an older desk may leave them out. */
  entry: {
    conversationId: string;
    viewerId?: string | undefined;
    viewerName?: unknown;
    viewerSelfNamed?: unknown;
  },
  texts: Pick<ConsoleTexts, 'viewerFallback' | 'selfNamed'>,
): string {
  const { viewerName, viewerSelfNamed } = deskExtras(entry);
  if (entry.viewerId === undefined && viewerName === undefined)
    return texts.viewerFallback(viewerCode(entry.conversationId));
  return viewerTitle({ viewerId: entry.viewerId ?? '', viewerName, selfNamed: viewerSelfNamed }, texts);
}

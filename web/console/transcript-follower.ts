import { show } from '../shared/dom.js';

/** How close to the end counts as "at the bottom": a line's height, so a reader a line up still follows. */
const NEAR_BOTTOM_PX = 32;

export function isNearBottom(
  metrics: { scrollHeight: number; scrollTop: number; clientHeight: number },
  thresholdPx = NEAR_BOTTOM_PX,
): boolean {
  return metrics.scrollHeight - metrics.scrollTop - metrics.clientHeight <= thresholdPx;
}

/**
 * Keeps the reader's place in the transcript. New lines are followed only when the agent is already at
 * the bottom; otherwise the view stays put (the handoff card being read, an earlier message) and a "new
 * messages" pill offers the way down. Each conversation keeps its own place when the agent switches.
 */
export class TranscriptFollower {
  private readonly container: HTMLElement;
  private readonly pill: HTMLElement;
  /** Where the reader left each conversation: at the bottom, or this far down. */
  private readonly places = new Map<string, number | 'bottom'>();
  private current: string | undefined;

  constructor(container: HTMLElement, pill: HTMLElement) {
    this.container = container;
    this.pill = pill;
    pill.addEventListener('click', () => this.toBottom());
    container.addEventListener('scroll', () => {
      if (this.atBottom()) show(this.pill, false);
    });
  }

  atBottom(): boolean {
    return isNearBottom(this.container);
  }

  /** Remembers the place in the conversation on screen before another one is drawn. */
  leave(): void {
    if (this.current !== undefined)
      this.places.set(this.current, this.atBottom() ? 'bottom' : this.container.scrollTop);
    show(this.pill, false);
  }

  /** After a conversation is drawn for the first time in a while: back where the agent left it (new: the latest lines). */
  arrive(conversationId: string | undefined): void {
    this.current = conversationId;
    const place = conversationId === undefined ? 'bottom' : (this.places.get(conversationId) ?? 'bottom');
    if (place === 'bottom') this.container.scrollTop = this.container.scrollHeight;
    else this.container.scrollTop = place;
  }

  /** Redraws the conversation on screen; `grew` when lines were added or a streamed line got longer. */
  redraw(draw: () => void, grew: boolean): void {
    const followed = this.atBottom();
    const scrollTop = this.container.scrollTop;
    draw();
    if (followed) {
      this.container.scrollTop = this.container.scrollHeight;
      return;
    }
    this.container.scrollTop = scrollTop;
    if (grew) show(this.pill, true);
  }

  forget(conversationId: string): void {
    this.places.delete(conversationId);
  }

  private toBottom(): void {
    this.container.scrollTop = this.container.scrollHeight;
    show(this.pill, false);
  }
}

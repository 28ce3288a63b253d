import { h } from '../shared/dom.js';
import { formatCountdown, formatDuration } from './console-format.js';
import type { ConsoleTexts } from './console-texts.js';
import type { SlaView } from './agent-frames-client.js';

/** What a deadline is for: a reply the viewer is owed, an offer to accept, a ticket's department target. */
export type CountdownKind = 'first-response' | 'next-response' | 'offer' | 'ticket';

/** The words for a deadline `remainingMs` away (negative: past). */
export function countdownText(kind: CountdownKind, remainingMs: number, texts: ConsoleTexts): string {
  const past = remainingMs <= 0;
  switch (kind) {
    case 'first-response':
    case 'next-response':
      return past
        ? texts.slaBreached(texts.sla[kind], formatCountdown(remainingMs))
        : texts.slaDue(texts.sla[kind], formatCountdown(remainingMs));
    case 'offer':
      return past ? texts.offerExpired : texts.offerExpires(formatCountdown(remainingMs));
    case 'ticket':
      return past
        ? texts.overdueBy(formatDuration(remainingMs, texts))
        : texts.dueIn(formatDuration(remainingMs, texts));
  }
}

/** A badge that `tickCountdowns` keeps counting; `overdue` marks it red from the start (the server said so). */
export function countdownBadge(kind: CountdownKind, dueAt: string, overdue = false): HTMLElement | null {
  const dueMs = Date.parse(dueAt);
  if (Number.isNaN(dueMs)) return null;
  const badge = h('span', { className: `badge countdown countdown-${kind}` });
  badge.dataset.due = String(dueMs);
  badge.dataset.kind = kind;
  if (overdue) badge.dataset.breached = 'true';
  return badge;
}

/** The SLA's badge, when a reply is owed. */
export function slaBadge(sla: SlaView | undefined): HTMLElement | null {
  if (!sla?.kind || !sla.dueAt) return null;
  return countdownBadge(sla.kind, sla.dueAt, sla.breached);
}

/** Moves every countdown under `root` on to `nowMs` (the server's clock); past ones turn red. */
export function tickCountdowns(root: ParentNode, nowMs: number, texts: ConsoleTexts): void {
  for (const badge of root.querySelectorAll<HTMLElement>('.countdown[data-due]')) {
    const kind = badge.dataset.kind as CountdownKind;
    const remainingMs = Number(badge.dataset.due) - nowMs;
    badge.textContent = countdownText(kind, remainingMs, texts);
    badge.classList.toggle('overdue', remainingMs <= 0 || badge.dataset.breached === 'true');
  }
}

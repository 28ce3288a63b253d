import { h, replaceChildren } from '../shared/dom.js';
import { formatClock } from '../shared/format-duration.js';
import type { SlaView } from './agent-frames-client.js';
import type { ConsoleTexts } from './console-texts.js';
import { countdownBadge, slaBadge } from './countdown.js';

export type ListStatus = 'queued' | 'offered' | 'active' | 'needs-reassignment' | 'released';

export interface ConversationListItem {
  conversationId: string;
  title: string;
  tier: 'regular' | 'vip';
  lane: string;
  status: ListStatus;
  /** Server clock time it started waiting for a person; absent when nobody is waiting (active). */
  waitingSinceMs?: number;
  /** Place in the queue, for queued ones. */
  position?: number;
  /** Who holds it, by name (supervisors' "held by others"). */
  agentName?: string;
  /** Why it is in its lane (`anger`, `vip`…), when the desk says. */
  laneReasons?: readonly string[];
  sla?: SlaView;
  offerExpiresAt?: string;
  /** Why it left this agent (declined, offer expired, handed back…), for a released one still shown. */
  releasedReason?: string;
  unread: number;
}

/** `why: angry · VIP`: the lane's reasons in a few words, or nothing when there are none. */
export function laneReasonLabel(reasons: readonly string[] | undefined, texts: ConsoleTexts): string {
  if (!reasons || reasons.length === 0) return '';
  return texts.whyLane(reasons.map((reason) => texts.laneReasons[reason] ?? reason).join(' · '));
}

/** Draws one list of conversations; waits and deadlines are filled in by `tickWaits` and `tickCountdowns`. */
export function renderConversationList(
  list: HTMLUListElement,
  items: readonly ConversationListItem[],
  options: {
    selectedId: string | undefined;
    onSelect: (conversationId: string) => void;
    empty: string;
    texts: ConsoleTexts;
  },
): void {
  const { texts } = options;
  if (items.length === 0) {
    replaceChildren(list, [h('li', { className: 'empty muted', text: options.empty })]);
    return;
  }
  replaceChildren(
    list,
    items.map((item) => {
      const wait = h('span', { className: 'wait' });
      if (item.waitingSinceMs !== undefined) wait.dataset.since = String(item.waitingSinceMs);
      const why = laneReasonLabel(item.laneReasons, texts);
      // A released one says why it left ("declined", "offer expired"), not merely that it ended.
      const statusWord =
        item.status === 'released' && item.releasedReason !== undefined
          ? (texts.releasedReasons[item.releasedReason] ?? texts.listStatus.released)
          : texts.listStatus[item.status];
      const status =
        item.position !== undefined ? `${texts.queuePosition(item.position)} ${statusWord}` : statusWord;
      const deadline =
        item.status === 'offered' && item.offerExpiresAt
          ? countdownBadge('offer', item.offerExpiresAt)
          : item.status === 'released'
            ? null
            : slaBadge(item.sla);
      const button = h(
        'button',
        {
          className: `conversation-item status-${item.status}${item.conversationId === options.selectedId ? ' selected' : ''}${item.sla?.breached ? ' sla-breached' : ''}`,
          attributes: { type: 'button', 'data-conversation-id': item.conversationId },
        },
        [
          h('span', { className: 'item-title' }, [
            h('span', { className: 'name', text: item.title }),
            item.tier === 'vip' ? h('span', { className: 'badge vip', text: texts.vip }) : null,
            item.lane !== 'normal'
              ? h('span', { className: `badge lane-${item.lane}`, text: texts.lanes[item.lane] ?? item.lane })
              : null,
            item.unread > 0 ? h('span', { className: 'badge unread', text: String(item.unread) }) : null,
          ]),
          why ? h('span', { className: 'item-why', text: why }) : null,
          h('span', { className: 'item-status' }, [
            h('span', { text: status }),
            item.agentName
              ? h('span', { className: 'muted holder', text: texts.heldBy(item.agentName) })
              : null,
            wait,
          ]),
          deadline ? h('span', { className: 'item-deadline' }, [deadline]) : null,
        ],
      );
      button.addEventListener('click', () => options.onSelect(item.conversationId));
      return h('li', {}, [button]);
    }),
  );
}

/** Moves every wait clock on; a wait past `longWaitMs` turns its conversation red. */
export function tickWaits(root: ParentNode, serverNowMs: number, longWaitMs: number): void {
  for (const wait of root.querySelectorAll<HTMLElement>('.wait[data-since]')) {
    const waitedMs = Math.max(0, serverNowMs - Number(wait.dataset.since));
    wait.textContent = formatClock(waitedMs);
    wait.closest('.conversation-item')?.classList.toggle('long-wait', waitedMs > longWaitMs);
  }
}

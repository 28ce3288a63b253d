import { h, replaceChildren } from '../shared/dom.js';
import { formatClock } from '../shared/format-duration.js';

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
  agentId?: string;
  unread: number;
}

const STATUS_TEXT: Record<ListStatus, string> = {
  queued: 'waiting',
  offered: 'new: accept?',
  active: 'active',
  'needs-reassignment': 'needs reassignment',
  released: 'ended',
};

/** Draws one list of conversations; waits are filled in by `tickWaits`. */
export function renderConversationList(
  list: HTMLUListElement,
  items: readonly ConversationListItem[],
  options: { selectedId: string | undefined; onSelect: (conversationId: string) => void; empty: string },
): void {
  if (items.length === 0) {
    replaceChildren(list, [h('li', { className: 'empty muted', text: options.empty })]);
    return;
  }
  replaceChildren(
    list,
    items.map((item) => {
      const wait = h('span', { className: 'wait' });
      if (item.waitingSinceMs !== undefined) wait.dataset.since = String(item.waitingSinceMs);
      const button = h(
        'button',
        {
          className: `conversation-item status-${item.status}${item.conversationId === options.selectedId ? ' selected' : ''}`,
          attributes: { type: 'button', 'data-conversation-id': item.conversationId },
        },
        [
          h('span', { className: 'item-title' }, [
            h('span', { className: 'name', text: item.title }),
            item.tier === 'vip' ? h('span', { className: 'badge vip', text: 'VIP' }) : null,
            item.lane !== 'normal'
              ? h('span', { className: `badge lane-${item.lane}`, text: item.lane })
              : null,
            item.unread > 0 ? h('span', { className: 'badge unread', text: String(item.unread) }) : null,
          ]),
          h('span', { className: 'item-status' }, [
            h('span', {
              text:
                item.position !== undefined
                  ? `#${item.position} ${STATUS_TEXT[item.status]}`
                  : STATUS_TEXT[item.status],
            }),
            item.agentId && item.status !== 'offered' && item.status !== 'active'
              ? h('span', { className: 'muted', text: item.agentId })
              : null,
            wait,
          ]),
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

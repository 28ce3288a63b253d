import { describeError } from '../shared/api-client.js';
import { byId, h, replaceChildren, show } from '../shared/dom.js';
import { formatTime } from '../shared/format-duration.js';
import type { PacketView } from './agent-frames-client.js';
import type { ConsoleApi, ConversationSummary, Ticket } from './console-api.js';

/** The right pane: who the viewer is, where they watch, and their earlier conversations. */
export class ProfilePanel {
  private readonly api: ConsoleApi;
  private readonly section = byId('profile', HTMLElement);
  private readonly history = byId('history', HTMLUListElement);
  private loading: AbortController | undefined;
  private viewerId: string | undefined;
  private conversationId: string | undefined;

  constructor(api: ConsoleApi) {
    this.api = api;
  }

  show(conversationId: string | undefined, packet: PacketView | undefined): void {
    show(this.section, packet !== undefined);
    if (!packet || !conversationId) {
      this.viewerId = undefined;
      this.conversationId = undefined;
      return;
    }
    const { viewer, liveContext } = packet;
    const fields: [string, string | undefined][] = [
      ['Viewer', viewer.viewerId],
      ['Name', viewer.displayName],
      ['Tier', viewer.tier === 'vip' ? 'VIP' : 'regular'],
      ['Locale', viewer.locale],
      ['Room', liveContext.roomId],
      ['Streamer', liveContext.streamerName ?? liveContext.streamerId],
      ['Product', liveContext.productInView],
      ['Conversation', conversationId],
    ];
    replaceChildren(
      byId('profile-fields', HTMLElement),
      fields
        .filter((field): field is [string, string] => field[1] !== undefined && field[1] !== '')
        .flatMap(([label, value]) => [h('dt', { text: label }), h('dd', { text: value })]),
    );
    if (viewer.viewerId === this.viewerId && conversationId === this.conversationId) return;
    this.viewerId = viewer.viewerId;
    this.conversationId = conversationId;
    void this.load(viewer.viewerId, conversationId);
  }

  showTicket(ticket: Ticket | undefined, problem?: string): void {
    const box = byId('ticket', HTMLElement);
    if (problem) {
      replaceChildren(box, [h('span', { className: 'error-line', text: problem })]);
      return;
    }
    replaceChildren(
      box,
      ticket
        ? [
            h('strong', { text: ticket.id }),
            ` ${ticket.status} · ${ticket.department} · ${ticket.priority}`,
            h('div', { className: 'muted', text: ticket.title }),
          ]
        : ['None yet.'],
    );
  }

  private async load(viewerId: string, conversationId: string): Promise<void> {
    this.loading?.abort();
    const controller = new AbortController();
    this.loading = controller;
    replaceChildren(this.history, [h('li', { className: 'muted', text: 'Loading…' })]);
    this.showTicket(undefined);
    try {
      const [conversations, ticket] = await Promise.all([
        this.api.viewerConversations(viewerId, controller.signal),
        this.api.ticketFor(conversationId, controller.signal).catch(() => undefined),
      ]);
      if (controller.signal.aborted) return;
      this.showTicket(ticket);
      const earlier = conversations.filter((conversation) => conversation.conversationId !== conversationId);
      replaceChildren(
        this.history,
        earlier.length === 0
          ? [h('li', { className: 'muted', text: 'No earlier conversations.' })]
          : earlier.map((conversation) => this.historyItem(conversation)),
      );
    } catch (error) {
      if (!controller.signal.aborted) {
        replaceChildren(this.history, [h('li', { className: 'error-line', text: describeError(error) })]);
      }
    }
  }

  private historyItem(conversation: ConversationSummary): HTMLLIElement {
    const lines = h('ol', { className: 'history-lines' });
    const toggle = h('button', {
      className: 'link',
      text: `${new Date(conversation.startedAt).toLocaleDateString()} ${formatTime(conversation.startedAt)} · ${conversation.state}`,
      attributes: { type: 'button' },
    });
    toggle.addEventListener('click', () => {
      if (lines.childElementCount > 0) {
        lines.replaceChildren();
        return;
      }
      void this.api
        .conversationTranscript(conversation.conversationId)
        .then((transcript) =>
          replaceChildren(
            lines,
            transcript.map((line) =>
              h('li', { className: `line ${line.speaker}` }, [
                h('strong', { text: `${line.speaker}: ` }),
                line.text,
              ]),
            ),
          ),
        )
        .catch((error: unknown) =>
          replaceChildren(lines, [h('li', { className: 'error-line', text: describeError(error) })]),
        );
    });
    return h('li', {}, [
      toggle,
      conversation.escalationReasons.length > 0
        ? h('span', { className: 'muted', text: ` ${conversation.escalationReasons.join(', ')}` })
        : null,
      conversation.satisfaction
        ? h('span', { className: 'badge', text: `★ ${conversation.satisfaction.score}` })
        : null,
      lines,
    ]);
  }
}

import { byId, h, replaceChildren, show } from '../shared/dom.js';
import type { PacketView } from './agent-frames-client.js';
import type { ConsoleApi, ConversationSummary } from './console-api.js';
import { formatDateTime } from './console-format.js';
import type { ConsoleTexts } from './console-texts.js';
import { describeProblem } from './describe-problem.js';

/** The right pane: who the viewer is, where they watch, and their earlier conversations. */
export class ProfilePanel {
  private readonly api: ConsoleApi;
  private readonly texts: ConsoleTexts;
  private readonly staffName: (id: string) => string;
  private readonly section = byId('profile', HTMLElement);
  private readonly history = byId('history', HTMLUListElement);
  private loading: AbortController | undefined;
  private viewerId: string | undefined;
  private conversationId: string | undefined;

  constructor(options: { api: ConsoleApi; texts: ConsoleTexts; staffName: (id: string) => string }) {
    this.api = options.api;
    this.texts = options.texts;
    this.staffName = options.staffName;
  }

  show(conversationId: string | undefined, packet: PacketView | undefined): void {
    show(this.section, packet !== undefined);
    if (!packet || !conversationId) {
      this.loading?.abort();
      this.viewerId = undefined;
      this.conversationId = undefined;
      return;
    }
    const { texts } = this;
    const { viewer, liveContext } = packet;
    const labels = texts.profileFields;
    const fields: [string, string | undefined][] = [
      [
        labels.name,
        viewer.displayName && viewer.selfNamed === true
          ? texts.selfNamed(viewer.displayName)
          : viewer.displayName,
      ],
      [
        labels.identity,
        viewer.verified
          ? texts.verifiedBy(viewer.verified.platformId, viewer.verified.userId)
          : texts.notVerified,
      ],
      [labels.viewer, viewer.viewerId],
      [labels.tier, texts.tiers[viewer.tier]],
      [labels.vipLevel, viewer.verified?.vipLevel?.toString()],
      [
        labels.attributes,
        viewer.verified?.attributes &&
          Object.entries(viewer.verified.attributes)
            .map(([name, value]) => `${name}: ${String(value)}`)
            .join(texts.listSeparator),
      ],
      [labels.locale, viewer.locale],
      [labels.room, liveContext.roomId],
      [labels.streamer, liveContext.streamerName ?? liveContext.streamerId],
      [labels.product, liveContext.productInView],
      [labels.conversation, conversationId],
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

  private async load(viewerId: string, conversationId: string): Promise<void> {
    this.loading?.abort();
    const controller = new AbortController();
    this.loading = controller;
    const { texts } = this;
    replaceChildren(this.history, [h('li', { className: 'muted', text: texts.loading })]);
    try {
      const conversations = await this.api.viewerConversations(viewerId, controller.signal);
      if (controller.signal.aborted) return;
      const earlier = conversations.filter((conversation) => conversation.conversationId !== conversationId);
      replaceChildren(
        this.history,
        earlier.length === 0
          ? [h('li', { className: 'muted', text: texts.noEarlier })]
          : earlier.map((conversation) => this.historyItem(conversation)),
      );
    } catch (error) {
      if (!controller.signal.aborted) {
        replaceChildren(this.history, [
          h('li', { className: 'error-line', text: describeProblem(error, texts) }),
        ]);
      }
    }
  }

  private historyItem(conversation: ConversationSummary): HTMLLIElement {
    const { texts } = this;
    const lines = h('ol', { className: 'history-lines' });
    const toggle = h('button', {
      className: 'link',
      text: `${formatDateTime(conversation.startedAt, texts)} · ${texts.states[conversation.state]}`,
      attributes: { type: 'button' },
    });
    const speaker = (line: {
      speaker: 'viewer' | 'assistant' | 'agent' | 'system';
      agentId?: string | undefined;
    }): string =>
      line.speaker === 'agent' && line.agentId ? this.staffName(line.agentId) : texts.authors[line.speaker];
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
                h('strong', { text: `${speaker(line)}: ` }),
                line.text,
              ]),
            ),
          ),
        )
        .catch((error: unknown) =>
          replaceChildren(lines, [h('li', { className: 'error-line', text: describeProblem(error, texts) })]),
        );
    });
    const reasons = conversation.escalationReasons.map((reason) => texts.reasonBadges[reason] ?? reason);
    const agents = conversation.agentIds.map((id) => this.staffName(id));
    return h('li', {}, [
      toggle,
      reasons.length > 0
        ? h('span', { className: 'muted', text: ` ${reasons.join(texts.listSeparator)}` })
        : null,
      agents.length > 0
        ? h('div', { className: 'muted', text: texts.historyAgents(agents.join(texts.listSeparator)) })
        : null,
      conversation.satisfaction
        ? h('span', { className: 'badge', text: texts.rating(conversation.satisfaction.score) })
        : null,
      lines,
    ]);
  }
}

import { byId, formText, h, replaceChildren, scrollToEndIfNear, show } from '../shared/dom.js';
import { formatTime } from '../shared/format-duration.js';
import type { AgentViewWire, PacketView } from './agent-frames-client.js';
import type { HeldConversation } from './held-conversation.js';
import type { TranscriptEntry } from './transcript-log.js';

export type TransferTarget = { agentId: string } | { team: string };

export interface ConversationActions {
  accept: (conversationId: string) => void;
  decline: (conversationId: string) => void;
  transfer: (conversationId: string, to: TransferTarget, note: string) => void;
  escalate: (conversationId: string, note: string) => void;
  handBack: (conversationId: string) => void;
  close: (conversationId: string) => void;
  createTicket: (conversationId: string) => void;
}

const REASON_TEXT: Record<string, string> = {
  human_request: 'asked for a person',
  sensitive: 'sensitive topic',
  anger: 'angry',
  repetition: 'repeating',
  low_confidence: 'AI unsure',
};

/** The middle pane: who and why on top (handoff summary, reasons, sentiment), the transcript below. */
export class ConversationPanel {
  private readonly actions: ConversationActions;
  private readonly section = byId('conversation', HTMLElement);
  private readonly empty = byId('empty-state', HTMLElement);
  private readonly transcript = byId('transcript', HTMLOListElement);
  private readonly actionForm = byId('action-form', HTMLFormElement);
  private readonly note = byId('action-note', HTMLInputElement);
  private mode: 'transfer' | 'escalate' = 'transfer';
  private current: HeldConversation | undefined;
  private agentName: (agentId: string) => string = (agentId) => agentId;

  constructor(actions: ConversationActions) {
    this.actions = actions;
    const on = (id: string, action: (conversationId: string) => void): void => {
      byId(id, HTMLButtonElement).addEventListener('click', () => {
        if (this.current) action(this.current.conversationId);
      });
    };
    on('accept', actions.accept);
    on('decline', actions.decline);
    on('hand-back', actions.handBack);
    on('close', actions.close);
    on('create-ticket', actions.createTicket);
    byId('transfer', HTMLButtonElement).addEventListener('click', () => this.openForm('transfer'));
    byId('escalate', HTMLButtonElement).addEventListener('click', () => this.openForm('escalate'));
    byId('action-cancel', HTMLButtonElement).addEventListener('click', () => show(this.actionForm, false));
    this.actionForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submitForm();
    });
  }

  /** Draws the conversation (or the empty state); `agents` and `teams` fill the transfer choices. */
  show(
    held: HeldConversation | undefined,
    context: { meId: string; agents: readonly AgentViewWire[]; agentName: (agentId: string) => string },
  ): void {
    this.agentName = context.agentName;
    if (held?.conversationId !== this.current?.conversationId) show(this.actionForm, false);
    this.current = held;
    show(this.empty, !held);
    show(this.section, held !== undefined);
    if (!held) return;
    const packet = held.view?.packet;
    const viewer = packet?.viewer;
    byId('conversation-title', HTMLElement).textContent = viewer
      ? (viewer.displayName ?? viewer.viewerId)
      : held.conversationId;
    const status = byId('conversation-status', HTMLElement);
    status.textContent = held.status === 'released' ? `released: ${held.releasedReason ?? ''}` : held.status;
    status.dataset.status = held.status;
    const priority = byId('conversation-priority', HTMLElement);
    priority.textContent = packet?.priority ?? '';
    priority.className = `badge ${packet?.priority ?? ''}`;
    show(priority, packet !== undefined && packet.priority !== 'normal');
    byId('conversation-team', HTMLElement).textContent = held.view
      ? `team ${held.view.team} · ${held.view.lane}`
      : '';
    this.showActions(held.status);
    this.showHandoff(packet, held);
    this.fillTransferChoices(context.meId, context.agents);
    this.renderTranscript(held.log.entries);
  }

  renderTranscript(entries: readonly TranscriptEntry[]): void {
    replaceChildren(
      this.transcript,
      entries
        .filter((entry) => entry.text !== '')
        .map((entry) => {
          const author =
            entry.kind === 'viewer'
              ? 'Viewer'
              : entry.kind === 'assistant'
                ? 'AI'
                : entry.kind === 'agent'
                  ? entry.author
                    ? capitalize(this.agentName(entry.author))
                    : 'Agent'
                  : entry.kind === 'system'
                    ? 'System'
                    : '';
          return h('li', { className: `line ${entry.kind}` }, [
            h('span', { className: 'line-meta' }, [
              author ? h('strong', { text: author }) : null,
              entry.at ? h('time', { text: formatTime(entry.at) }) : null,
              ...entry.tags.map((tag) => h('span', { className: 'badge', text: tag })),
            ]),
            h('span', { className: 'line-text', text: entry.text }),
          ]);
        }),
    );
    scrollToEndIfNear(byId('conversation-body', HTMLElement));
  }

  private showActions(status: HeldConversation['status']): void {
    const visible: Record<string, boolean> = {
      accept: status === 'offered',
      decline: status === 'offered',
      transfer: status === 'active' || status === 'needs-reassignment' || status === 'watching',
      escalate: status === 'active',
      'hand-back': status === 'active',
      close: status === 'active',
      'create-ticket': status !== 'watching',
    };
    for (const [id, on] of Object.entries(visible)) show(byId(id, HTMLButtonElement), on);
  }

  private showHandoff(packet: PacketView | undefined, held: HeldConversation): void {
    show(byId('handoff', HTMLElement), packet !== undefined);
    if (!packet) return;
    replaceChildren(
      byId('handoff-reasons', HTMLElement),
      packet.reasons.map((reason) =>
        h('span', { className: `badge reason reason-${reason}`, text: REASON_TEXT[reason] ?? reason }),
      ),
    );
    const scores = packet.sentiment.angerByTurn;
    const trendArrow = { rising: '↑', steady: '→', falling: '↓' }[packet.sentiment.trend];
    const latest = scores.at(-1);
    const bars = scores.slice(-12).map((score) => {
      const bar = h('span', { className: 'bar', title: `anger ${score.toFixed(2)}` });
      bar.style.height = `${Math.max(8, Math.round(Math.min(1, score) * 100))}%`;
      if (score >= 0.6) bar.classList.add('hot');
      return bar;
    });
    replaceChildren(byId('sentiment', HTMLElement), [
      h('span', {
        className: `trend trend-${packet.sentiment.trend}`,
        text: `anger ${trendArrow} ${packet.sentiment.trend}`,
      }),
      latest !== undefined ? h('span', { className: 'muted', text: ` ${latest.toFixed(2)}` }) : null,
      h('span', { className: 'bars', attributes: { 'aria-hidden': 'true' } }, bars),
    ]);
    byId('handoff-summary', HTMLElement).textContent = packet.summary.text;
    replaceChildren(
      byId('handoff-details', HTMLElement),
      packet.details.map((detail) => h('li', { text: detail })),
    );
    replaceChildren(
      byId('ai-attempts', HTMLOListElement),
      packet.aiAttempts.map((attempt) =>
        h('li', {}, [
          h('span', { className: 'question', text: attempt.question }),
          h('span', {
            className: 'muted',
            text: ` → ${attempt.entryIds.join(', ') || 'no entry'} (${Math.round(attempt.confidence * 100)}%)`,
          }),
          attempt.said ? h('div', { className: 'said', text: attempt.said }) : null,
        ]),
      ),
    );
    show(byId('ai-attempts-box', HTMLElement), packet.aiAttempts.length > 0);
    replaceChildren(
      byId('transfer-notes', HTMLUListElement),
      (held.view?.transfers ?? []).map((transfer) =>
        h('li', {
          text: `${transfer.escalation ? 'Escalated' : 'Transferred'} by ${this.agentName(transfer.by)} to ${
            'agentId' in transfer.to ? this.agentName(transfer.to.agentId) : `team ${transfer.to.team}`
          }${transfer.note ? `: “${transfer.note}”` : ''}`,
        }),
      ),
    );
  }

  private fillTransferChoices(meId: string, agents: readonly AgentViewWire[]): void {
    const select = byId('transfer-agent', HTMLSelectElement);
    const chosen = select.value;
    replaceChildren(
      select,
      agents
        .filter((agent) => agent.id !== meId)
        .map((agent) => {
          const option = h('option', {
            text: `${agent.name} (${agent.presence}, ${agent.load}/${agent.capacity})`,
            attributes: { value: agent.id },
          });
          option.selected = agent.id === chosen;
          return option;
        }),
    );
    const teams = [...new Set(agents.flatMap((agent) => agent.teams))].sort();
    replaceChildren(
      byId('team-names', HTMLDataListElement),
      teams.map((team) => h('option', { attributes: { value: team } })),
    );
  }

  private openForm(mode: 'transfer' | 'escalate'): void {
    this.mode = mode;
    show(byId('transfer-fields', HTMLElement), mode === 'transfer');
    byId('action-submit', HTMLButtonElement).textContent =
      mode === 'transfer' ? 'Transfer' : 'Escalate to supervisor';
    this.note.placeholder = mode === 'transfer' ? 'Note for whoever takes it' : 'Why it needs a supervisor';
    show(this.actionForm, true);
    this.note.focus();
  }

  private submitForm(): void {
    if (!this.current) return;
    const note = this.note.value.trim();
    const conversationId = this.current.conversationId;
    if (this.mode === 'escalate') {
      this.actions.escalate(conversationId, note);
    } else {
      const data = new FormData(this.actionForm);
      const target: TransferTarget | undefined =
        data.get('target') === 'team'
          ? { team: formText(data, 'team').trim() }
          : { agentId: formText(data, 'agent') };
      if (('team' in target && target.team === '') || ('agentId' in target && target.agentId === '')) return;
      this.actions.transfer(conversationId, target, note);
    }
    this.note.value = '';
    show(this.actionForm, false);
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

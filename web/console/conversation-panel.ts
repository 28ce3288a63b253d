import { byId, formText, h, replaceChildren, show } from '../shared/dom.js';
import type { AgentViewWire, DeskExtras, PacketView } from './agent-frames-client.js';
import { formatClockTime, viewerTitle } from './console-format.js';
import type { ConsoleTexts } from './console-texts.js';
import { laneReasonLabel } from './conversation-list.js';
import { countdownBadge, slaBadge } from './countdown.js';
import { attemptsWithDecision, describeHandoffDetail, summarySourceBadge } from './handoff-details.js';
import type { HeldConversation } from './held-conversation.js';
import type { PiiReveal } from './pii-reveal.js';
import { TranscriptFollower } from './transcript-follower.js';
import type { TranscriptEntry } from './transcript-log.js';
import type { ConsoleMedia } from './console-media.js';

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

export interface PanelContext {
  meId: string;
  /** The desk's newest word on the conversation (lane reasons, deadlines): the snapshot's, else the assignment's. */
  extras: DeskExtras;
  agents: readonly AgentViewWire[];
  /** A staff member's name for an id (the id when nobody knows it). */
  agentName: (agentId: string) => string;
}

/** The middle pane: who and why on top (handoff summary, reasons, sentiment), the transcript below. */
export class ConversationPanel {
  private readonly actions: ConversationActions;
  private readonly texts: ConsoleTexts;
  private readonly section = byId('conversation', HTMLElement);
  private readonly empty = byId('empty-state', HTMLElement);
  private readonly transcript = byId('transcript', HTMLOListElement);
  private readonly actionForm = byId('action-form', HTMLFormElement);
  private readonly note = byId('action-note', HTMLInputElement);
  private readonly follower: TranscriptFollower;
  private mode: 'transfer' | 'escalate' = 'transfer';
  private current: HeldConversation | undefined;
  private drawnEntries: readonly TranscriptEntry[] | undefined;
  private context: PanelContext = { meId: '', extras: {}, agents: [], agentName: (agentId) => agentId };

  /** Draws masked personal data with its "reveal" control; plain text without. */
  private readonly pii: PiiReveal | undefined;

  /** Draws pictures, voice clips and files (web/console/console-media.ts). */
  private readonly media: ConsoleMedia | undefined;

  constructor(actions: ConversationActions, texts: ConsoleTexts, pii?: PiiReveal, media?: ConsoleMedia) {
    this.actions = actions;
    this.texts = texts;
    this.pii = pii;
    this.media = media;
    this.follower = new TranscriptFollower(
      byId('conversation-body', HTMLElement),
      byId('new-messages', HTMLElement),
    );
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
    byId('action-cancel', HTMLButtonElement).addEventListener('click', () => this.closeForm());
    this.actionForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submitForm();
    });
  }

  /** Draws the conversation (or the empty state); `agents` fill the transfer choices. */
  show(held: HeldConversation | undefined, context: PanelContext): void {
    this.context = context;
    const switched = held?.conversationId !== this.current?.conversationId;
    if (switched) {
      // Another conversation: its own place in the transcript, and no half-filled form from the last one.
      this.follower.leave();
      this.closeForm();
      this.drawnEntries = undefined;
    }
    this.current = held;
    show(this.empty, !held);
    show(this.section, held !== undefined);
    if (!held) return;
    this.showHeader(held);
    this.showActions(held.status);
    this.showHandoff(held.view?.packet, held);
    this.fillTransferChoices(context.meId, context.agents);
    this.renderTranscript(held.log.entries);
    if (switched) this.follower.arrive(held.conversationId);
  }

  /** Redraws the transcript when its lines changed, keeping the reader's place (see TranscriptFollower). */
  renderTranscript(entries: readonly TranscriptEntry[]): void {
    if (entries === this.drawnEntries) return;
    const previous = this.drawnEntries;
    this.drawnEntries = entries;
    const grew =
      previous !== undefined &&
      (entries.length > previous.length || entries.at(-1)?.text !== previous.at(-1)?.text);
    this.follower.redraw(() => this.drawTranscript(entries), grew);
  }

  forget(conversationId: string): void {
    this.follower.forget(conversationId);
  }

  private drawTranscript(entries: readonly TranscriptEntry[]): void {
    const { texts } = this;
    replaceChildren(
      this.transcript,
      entries
        .filter((entry) => entry.text !== '')
        .map((entry) => {
          const author =
            entry.kind === 'viewer'
              ? texts.authors.viewer
              : entry.kind === 'assistant'
                ? texts.authors.assistant
                : entry.kind === 'agent'
                  ? entry.author
                    ? entry.author === this.context.meId
                      ? texts.authors.you
                      : this.context.agentName(entry.author)
                    : texts.authors.agent
                  : entry.kind === 'system'
                    ? texts.authors.system
                    : '';
          return h('li', { className: `line ${entry.kind}` }, [
            h('span', { className: 'line-meta' }, [
              author ? h('strong', { text: author }) : null,
              entry.at ? h('time', { text: formatClockTime(entry.at, texts) }) : null,
              ...entry.tags.map((tag) => h('span', { className: 'badge', text: tag })),
            ]),
            entry.media && this.media
              ? this.media.body(entry.media)
              : this.pii && this.current
                ? this.pii.render(this.current.conversationId, entry.text, entry.masked)
                : h('span', { className: 'line-text', text: entry.text }),
          ]);
        }),
    );
  }

  private showHeader(held: HeldConversation): void {
    const { texts } = this;
    const packet = held.view?.packet;
    const viewer = packet?.viewer;
    byId('conversation-title', HTMLElement).textContent = viewer
      ? viewerTitle(viewer, texts)
      : held.conversationId;
    const status = byId('conversation-status', HTMLElement);
    const reason = held.releasedReason;
    status.textContent =
      held.status === 'released' && reason !== undefined
        ? texts.releasedStatus(texts.releasedReasons[reason] ?? reason)
        : texts.headerStatus[held.status];
    status.dataset.status = held.status;
    const priority = byId('conversation-priority', HTMLElement);
    priority.textContent = packet ? texts.priorities[packet.priority] : '';
    priority.className = `badge ${packet?.priority ?? ''}`;
    show(priority, packet !== undefined && packet.priority !== 'normal');
    const view = held.view;
    byId('conversation-team', HTMLElement).textContent = view
      ? texts.teamAndLane(texts.teams[view.team] ?? view.team, texts.lanes[view.lane] ?? view.lane)
      : '';
    const { extras } = this.context;
    const why = byId('conversation-why', HTMLElement);
    why.textContent = laneReasonLabel(extras.laneReasons, texts);
    show(why, why.textContent !== '');
    const active = held.status !== 'released' && held.status !== 'watching';
    const deadline =
      held.status === 'offered' && extras.offerExpiresAt
        ? countdownBadge('offer', extras.offerExpiresAt)
        : active
          ? slaBadge(extras.sla)
          : null;
    replaceChildren(byId('conversation-deadline', HTMLElement), [
      deadline,
      extras.flagged && active ? h('span', { className: 'badge flagged', text: texts.flagged }) : null,
    ]);
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
    const { texts } = this;
    show(byId('handoff', HTMLElement), packet !== undefined);
    if (!packet) return;
    replaceChildren(
      byId('handoff-reasons', HTMLElement),
      packet.reasons.map((reason) =>
        h('span', { className: `badge reason reason-${reason}`, text: texts.reasonBadges[reason] ?? reason }),
      ),
    );
    const scores = packet.sentiment.angerByTurn;
    const trendArrow = { rising: '↑', steady: '→', falling: '↓' }[packet.sentiment.trend];
    const latest = scores.at(-1);
    const bars = scores.slice(-12).map((score) => {
      const bar = h('span', { className: 'bar', title: `${texts.anger} ${score.toFixed(2)}` });
      bar.style.height = `${Math.max(8, Math.round(Math.min(1, score) * 100))}%`;
      if (score >= 0.6) bar.classList.add('hot');
      return bar;
    });
    replaceChildren(byId('sentiment', HTMLElement), [
      h('span', {
        className: `trend trend-${packet.sentiment.trend}`,
        text: texts.angerTrend(trendArrow, texts.trends[packet.sentiment.trend]),
      }),
      latest !== undefined ? h('span', { className: 'muted', text: ` ${latest.toFixed(2)}` }) : null,
      h('span', { className: 'bars', attributes: { 'aria-hidden': 'true' } }, bars),
    ]);
    replaceChildren(byId('handoff-summary', HTMLElement), [
      h('span', summarySourceBadge(packet.summary.source, texts)),
      ' ',
      packet.summary.text,
    ]);
    replaceChildren(
      byId('handoff-details', HTMLElement),
      packet.details.map((detail) => h('li', { text: describeHandoffDetail(detail, texts) })),
    );
    const attempts = attemptsWithDecision(packet);
    replaceChildren(
      byId('ai-attempts', HTMLOListElement),
      attempts.map((attempt) =>
        h('li', {}, [
          h('span', { className: 'question', text: attempt.question }),
          h('span', {
            className: 'muted',
            text: ` → ${attempt.entryIds.join(', ') || texts.noEntry} `,
          }),
          h('span', {
            className: 'badge confidence',
            text: texts.confidence(texts.percent(attempt.confidence)),
          }),
          attempt.said ? h('div', { className: 'said', text: attempt.said }) : null,
        ]),
      ),
    );
    show(byId('ai-attempts-box', HTMLElement), attempts.length > 0);
    const { agentName } = this.context;
    replaceChildren(
      byId('transfer-notes', HTMLUListElement),
      (held.view?.transfers ?? []).map((transfer) =>
        h('li', {
          text: texts.transferNoteLine(
            transfer.escalation,
            agentName(transfer.by),
            'agentId' in transfer.to
              ? agentName(transfer.to.agentId)
              : texts.teamTarget(texts.teams[transfer.to.team] ?? transfer.to.team),
            transfer.note,
          ),
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
            text: `${agent.name} (${this.texts.presences[agent.presence]}, ${agent.load}/${agent.capacity})`,
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
    const { texts } = this;
    this.mode = mode;
    show(byId('transfer-fields', HTMLElement), mode === 'transfer');
    byId('action-submit', HTMLButtonElement).textContent =
      mode === 'transfer' ? texts.transfer : texts.escalateSubmit;
    this.note.placeholder = mode === 'transfer' ? texts.transferNote : texts.escalateNote;
    show(this.actionForm, true);
    this.note.focus();
  }

  private closeForm(): void {
    this.note.value = '';
    show(this.actionForm, false);
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
    this.closeForm();
  }
}

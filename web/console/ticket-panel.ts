import { nextStatuses } from '../../engine/tickets/ticket-status-moves.js';
import { ApiError } from '../shared/api-client.js';
import { byId, h, replaceChildren, show } from '../shared/dom.js';
import type {
  ConsoleApi,
  Department,
  Ticket,
  TicketChange,
  TicketPriority,
  TicketStatus,
  TicketView,
} from './console-api.js';
import { formatDateTime, viewerTitle } from './console-format.js';
import type { ConsoleTexts } from './console-texts.js';
import { countdownBadge } from './countdown.js';
import { describeProblem } from './describe-problem.js';
import type { StaffNames } from './staff-names.js';
import { describeTicketHistory } from './ticket-history-text.js';
import type { TicketAttachment } from './console-api.js';

const PRIORITIES: readonly TicketPriority[] = ['low', 'normal', 'high', 'urgent'];

export interface TicketPanelOptions {
  api: ConsoleApi;
  texts: ConsoleTexts;
  language: 'zh' | 'en';
  staff: StaffNames;
  /** The signed-in user: the default assignee choice, and whether they may reopen closed tickets. */
  me: () => { id: string; name: string; supervisor: boolean } | undefined;
  status: (message: string, kind?: 'info' | 'error') => void;
  /** Draws a ticket's attachments (pictures, voice clips, files from its conversation). */
  attachments?: ((attachments: readonly TicketAttachment[]) => HTMLElement) | undefined;
  /** A ticket changed: lists showing it should refresh. */
  onChanged: (ticket: Ticket) => void;
  /** Fills the new countdowns at once instead of at the next second. */
  tick: () => void;
}

/** Whether a ticket still owes an answer: only open and pending tickets can be overdue. */
export function ticketIsRunning(ticket: Pick<Ticket, 'status'>): boolean {
  return ticket.status === 'open' || ticket.status === 'pending';
}

/**
 * The ticket of the conversation at hand (or one opened from the tickets list): status along the
 * allowed moves, department (a handover, with a note), priority, assignee by name, comments, the
 * history in words and the department's due time counting down.
 */
export class TicketPanel {
  private readonly options: TicketPanelOptions;
  private readonly texts: ConsoleTexts;
  private readonly summary = byId('ticket', HTMLElement);
  private readonly form = byId('ticket-form', HTMLFormElement);
  private readonly statusSelect = byId('ticket-status', HTMLSelectElement);
  private readonly departmentSelect = byId('ticket-department', HTMLSelectElement);
  private readonly prioritySelect = byId('ticket-priority', HTMLSelectElement);
  private readonly assigneeSelect = byId('ticket-assignee', HTMLSelectElement);
  private readonly note = byId('ticket-note', HTMLInputElement);
  private readonly commentForm = byId('ticket-comment-form', HTMLFormElement);
  private readonly comment = byId('ticket-comment', HTMLTextAreaElement);
  private readonly history = byId('ticket-history', HTMLOListElement);
  private departments: Department[] = [];
  private view: TicketView | undefined;
  private conversationId: string | undefined;
  private loading: AbortController | undefined;

  constructor(options: TicketPanelOptions) {
    this.options = options;
    this.texts = options.texts;
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.save();
    });
    this.commentForm.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.addComment();
    });
    this.departmentSelect.addEventListener('change', () => this.notePlaceholder());
    this.showNone();
  }

  /** The departments tickets move between, in the console's language. */
  async loadDepartments(signal?: AbortSignal): Promise<Department[]> {
    this.departments = await this.options.api.departments(signal);
    return this.departments;
  }

  departmentName(id: string): string {
    const department = this.departments.find((candidate) => candidate.id === id);
    return department ? department.names[this.options.language] : id;
  }

  /** Follows the conversation on screen: shows its ticket, or that it has none; nothing half-typed stays. */
  followConversation(conversationId: string | undefined): void {
    if (conversationId === this.conversationId) return;
    this.conversationId = conversationId;
    this.loading?.abort();
    this.clearInputs();
    if (conversationId === undefined) {
      this.showNone();
      return;
    }
    const controller = new AbortController();
    this.loading = controller;
    this.showNone();
    void this.options.api
      .ticketFor(conversationId, controller.signal)
      .then((ticket) => (ticket && !controller.signal.aborted ? this.load(ticket.id, controller) : undefined))
      .catch((error: unknown) => this.problem(error, controller));
  }

  /** Shows any ticket (from the tickets list, or one just created). */
  open(ticketId: string): void {
    this.loading?.abort();
    this.clearInputs();
    const controller = new AbortController();
    this.loading = controller;
    void this.load(ticketId, controller).catch((error: unknown) => this.problem(error, controller));
  }

  /** Re-reads the ticket on screen (another agent may have changed it). */
  reload(): void {
    if (this.view) this.open(this.view.ticket.id);
  }

  private async load(ticketId: string, controller: AbortController): Promise<void> {
    const [view] = await Promise.all([
      this.options.api.ticket(ticketId, controller.signal),
      this.departments.length === 0
        ? this.loadDepartments(controller.signal)
        : Promise.resolve(this.departments),
    ]);
    if (controller.signal.aborted) return;
    for (const entry of view.history) this.options.staff.learn(entry.actorId, entry.actorName);
    this.view = view;
    this.render();
  }

  private problem(error: unknown, controller: AbortController): void {
    if (controller.signal.aborted) return;
    const { texts } = this;
    this.options.status(texts.failed(texts.problemIn.ticket, describeProblem(error, texts)), 'error');
  }

  private showNone(): void {
    this.view = undefined;
    // With no conversation on screen the panel is where a ticket from the list opens.
    const empty = this.conversationId === undefined ? this.texts.pickTicket : this.texts.noTicket;
    replaceChildren(this.summary, [h('span', { className: 'muted', text: empty })]);
    show(this.form, false);
    show(this.commentForm, false);
    replaceChildren(this.history, []);
    show(byId('ticket-history-title', HTMLElement), false);
  }

  private clearInputs(): void {
    this.note.value = '';
    this.comment.value = '';
  }

  private render(): void {
    const view = this.view;
    if (!view) return;
    const { ticket } = view;
    const { texts } = this;
    const running = ticketIsRunning(ticket);
    const due = running && ticket.dueAt ? countdownBadge('ticket', ticket.dueAt) : null;
    this.summary.dataset.ticketId = ticket.id;
    replaceChildren(this.summary, [
      h('div', { className: 'ticket-head' }, [
        h('strong', { className: 'ticket-id', text: ticket.id }),
        h('span', {
          className: `badge ticket-status status-${ticket.status}`,
          text: texts.ticketStatuses[ticket.status],
        }),
        h('span', {
          className: `badge priority-${ticket.priority}`,
          text: texts.ticketPriorities[ticket.priority],
        }),
        h('span', { className: 'badge department', text: this.departmentName(ticket.department) }),
      ]),
      h('div', { className: 'ticket-title', text: ticket.title }),
      ticket.viewer
        ? h('div', { className: 'muted', text: texts.ticketFor(viewerTitle(ticket.viewer, texts)) })
        : null,
      h('div', { className: 'ticket-due' }, [
        due ?? h('span', { className: 'muted', text: running ? texts.noDue : '' }),
      ]),
      view.attachments && view.attachments.length > 0 && this.options.attachments
        ? h('div', { className: 'ticket-attachments-box' }, [
            h('h4', { text: texts.attachmentsTitle(view.attachments.length) }),
            this.options.attachments(view.attachments),
          ])
        : null,
    ]);
    this.fillChoices(ticket);
    const closed = ticket.status === 'closed';
    show(this.form, true);
    show(this.commentForm, !closed);
    for (const select of [this.departmentSelect, this.prioritySelect, this.assigneeSelect])
      select.disabled = closed;
    this.notePlaceholder();
    show(byId('ticket-history-title', HTMLElement), view.history.length > 0);
    const words = {
      texts,
      staffName: (id: string) => this.options.staff.label(id),
      departmentName: (id: string) => this.departmentName(id),
    };
    replaceChildren(
      this.history,
      [...view.history]
        .reverse()
        .map((entry) =>
          h('li', { className: `history-entry field-${entry.field}` }, [
            h('span', { className: 'what', text: describeTicketHistory(entry, words) }),
            entry.comment ? h('q', { className: 'comment', text: entry.comment }) : null,
            h('time', { className: 'muted', text: formatDateTime(entry.at, texts) }),
          ]),
        ),
    );
  }

  private fillChoices(ticket: Ticket): void {
    const { texts } = this;
    const me = this.options.me();
    const statuses: TicketStatus[] = [
      ticket.status,
      ...nextStatuses(ticket.status, { supervisor: me?.supervisor ?? false }),
    ];
    replaceChildren(
      this.statusSelect,
      statuses.map((status) =>
        h('option', { text: texts.ticketStatuses[status], attributes: { value: status } }),
      ),
    );
    this.statusSelect.value = ticket.status;
    this.statusSelect.disabled = statuses.length === 1;

    const departments = this.departments.filter(
      (department) => department.enabled || department.id === ticket.department,
    );
    if (!departments.some((department) => department.id === ticket.department))
      departments.push({
        id: ticket.department,
        names: { zh: ticket.department, en: ticket.department },
        enabled: false,
        isDefault: false,
      });
    replaceChildren(
      this.departmentSelect,
      departments.map((department) =>
        h('option', {
          text: department.enabled
            ? department.names[this.options.language]
            : texts.disabledDepartment(department.names[this.options.language]),
          attributes: { value: department.id },
        }),
      ),
    );
    this.departmentSelect.value = ticket.department;

    replaceChildren(
      this.prioritySelect,
      PRIORITIES.map((priority) =>
        h('option', { text: texts.ticketPriorities[priority], attributes: { value: priority } }),
      ),
    );
    this.prioritySelect.value = ticket.priority;

    const people = new Map(this.options.staff.everyone().map((person) => [person.id, person.name]));
    if (me) people.set(me.id, me.name);
    if (ticket.assigneeId !== null && !people.has(ticket.assigneeId))
      people.set(ticket.assigneeId, this.options.staff.label(ticket.assigneeId));
    replaceChildren(this.assigneeSelect, [
      h('option', { text: texts.unassigned, attributes: { value: '' } }),
      ...[...people]
        .sort((a, b) => a[1].localeCompare(b[1]))
        .map(([id, name]) => h('option', { text: name, attributes: { value: id } })),
    ]);
    this.assigneeSelect.value = ticket.assigneeId ?? '';
  }

  /** A handover needs a note for the receiving department: the field says so when the department changes. */
  private notePlaceholder(): void {
    const moving = this.view !== undefined && this.departmentSelect.value !== this.view.ticket.department;
    this.note.placeholder = moving ? this.texts.handoverNote : this.texts.changeNote;
    this.note.classList.toggle('needed', moving);
  }

  private changes(ticket: Ticket): TicketChange | undefined {
    const change: TicketChange = { expectedVersion: ticket.version };
    const status = this.statusSelect.value as TicketStatus;
    const priority = this.prioritySelect.value as TicketPriority;
    const assigneeId = this.assigneeSelect.value === '' ? null : this.assigneeSelect.value;
    if (status !== ticket.status) change.status = status;
    if (this.departmentSelect.value !== ticket.department) change.department = this.departmentSelect.value;
    if (priority !== ticket.priority) change.priority = priority;
    if (assigneeId !== ticket.assigneeId) change.assigneeId = assigneeId;
    const note = this.note.value.trim();
    if (note !== '') change.note = note;
    return Object.keys(change).some((key) => key !== 'expectedVersion' && key !== 'note')
      ? change
      : undefined;
  }

  private async save(): Promise<void> {
    const view = this.view;
    if (!view) return;
    const { texts } = this;
    const change = this.changes(view.ticket);
    if (!change) {
      this.options.status(texts.nothingChanged);
      return;
    }
    if (change.department !== undefined && change.note === undefined) {
      this.options.status(texts.handoverNoteNeeded, 'error');
      this.note.focus();
      return;
    }
    try {
      const ticket = await this.options.api.updateTicket(view.ticket.id, change);
      this.note.value = '';
      this.options.status(texts.saved);
      this.options.onChanged(ticket);
      this.open(ticket.id);
    } catch (error) {
      this.options.status(texts.failed(texts.problemIn.ticket, describeProblem(error, texts)), 'error');
      // Someone else changed it meanwhile: show what it is now.
      if (error instanceof ApiError && error.status === 409) this.open(view.ticket.id);
    }
  }

  private async addComment(): Promise<void> {
    const view = this.view;
    const comment = this.comment.value.trim();
    if (!view || comment === '') return;
    const { texts } = this;
    try {
      await this.options.api.commentTicket(view.ticket.id, comment);
      this.comment.value = '';
      this.open(view.ticket.id);
    } catch (error) {
      this.options.status(texts.failed(texts.problemIn.ticket, describeProblem(error, texts)), 'error');
    }
  }
}

import { byId, h, replaceChildren } from '../shared/dom.js';
import type { ConsoleApi, Department, Ticket, TicketFilter, TicketStatus } from './console-api.js';
import type { ConsoleTexts } from './console-texts.js';
import { countdownBadge } from './countdown.js';
import { describeProblem } from './describe-problem.js';
import { ticketIsRunning } from './ticket-panel.js';

const STATUSES: readonly TicketStatus[] = ['open', 'pending', 'resolved', 'closed'];
type Scope = 'mine' | 'unassigned' | 'all';

export interface TicketListOptions {
  api: ConsoleApi;
  texts: ConsoleTexts;
  language: 'zh' | 'en';
  meId: () => string | undefined;
  onOpen: (ticketId: string) => void;
  onProblem: (message: string) => void;
  /** Fills the new countdowns at once instead of at the next second. */
  tick: () => void;
}

/** Every ticket the agent can see, by scope (mine, unassigned, all), department and status, newest first. */
export class TicketList {
  private readonly options: TicketListOptions;
  private readonly list = byId('ticket-list', HTMLUListElement);
  private readonly scope = byId('ticket-scope', HTMLSelectElement);
  private readonly department = byId('ticket-filter-department', HTMLSelectElement);
  private readonly status = byId('ticket-filter-status', HTMLSelectElement);
  private departments: Department[] = [];
  private loading: AbortController | undefined;
  private openedId: string | undefined;

  constructor(options: TicketListOptions) {
    this.options = options;
    const { texts } = options;
    replaceChildren(
      this.scope,
      (['all', 'mine', 'unassigned'] as const).map((scope) =>
        h('option', { text: texts.ticketScope[scope], attributes: { value: scope } }),
      ),
    );
    replaceChildren(this.status, [
      h('option', { text: texts.anyStatus, attributes: { value: '' } }),
      ...STATUSES.map((status) =>
        h('option', { text: texts.ticketStatuses[status], attributes: { value: status } }),
      ),
    ]);
    this.setDepartments([]);
    for (const select of [this.scope, this.department, this.status])
      select.addEventListener('change', () => this.refresh());
    byId('tickets-refresh', HTMLButtonElement).addEventListener('click', () => this.refresh());
  }

  /** The department filter's choices; `mine` picks the user's own department first when they have one. */
  setDepartments(departments: readonly Department[], mine?: string): void {
    const chosen = this.department.value;
    this.departments = [...departments];
    replaceChildren(this.department, [
      h('option', { text: this.options.texts.anyDepartment, attributes: { value: '' } }),
      ...departments.map((department) =>
        h('option', { text: department.names[this.options.language], attributes: { value: department.id } }),
      ),
    ]);
    this.department.value = chosen || (mine ?? '');
  }

  /** Marks the ticket shown in the ticket panel. */
  highlight(ticketId: string | undefined): void {
    this.openedId = ticketId;
    for (const button of this.list.querySelectorAll<HTMLElement>('[data-ticket-id]'))
      button.classList.toggle('selected', button.dataset.ticketId === ticketId);
  }

  refresh(): void {
    this.loading?.abort();
    const controller = new AbortController();
    this.loading = controller;
    const filter: TicketFilter = {};
    const scope = this.scope.value as Scope;
    const me = this.options.meId();
    if (scope === 'mine' && me) filter.assigneeId = me;
    if (scope === 'unassigned') filter.assigneeId = 'none';
    if (this.department.value) filter.department = this.department.value;
    if (this.status.value) filter.status = this.status.value as TicketStatus;
    void this.options.api
      .tickets(filter, controller.signal)
      .then((tickets) => {
        if (!controller.signal.aborted) this.render(tickets);
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const { texts } = this.options;
        this.options.onProblem(texts.failed(texts.problemIn.tickets, describeProblem(error, texts)));
      });
  }

  private render(tickets: readonly Ticket[]): void {
    const { texts } = this.options;
    if (tickets.length === 0) {
      replaceChildren(this.list, [h('li', { className: 'empty muted', text: texts.noTickets })]);
      return;
    }
    const departmentName = (id: string): string =>
      this.departments.find((department) => department.id === id)?.names[this.options.language] ?? id;
    replaceChildren(
      this.list,
      tickets.map((ticket) => {
        const due = ticketIsRunning(ticket) && ticket.dueAt ? countdownBadge('ticket', ticket.dueAt) : null;
        const button = h(
          'button',
          {
            className: `ticket-item${ticket.id === this.openedId ? ' selected' : ''}`,
            attributes: { type: 'button', 'data-ticket-id': ticket.id },
          },
          [
            h('span', { className: 'item-title' }, [
              h('span', { className: 'name', text: ticket.title }),
              ticket.priority === 'high' || ticket.priority === 'urgent'
                ? h('span', {
                    className: `badge priority-${ticket.priority}`,
                    text: texts.ticketPriorities[ticket.priority],
                  })
                : null,
            ]),
            h('span', { className: 'item-status' }, [
              h('span', { text: ticket.id }),
              h('span', { text: texts.ticketStatuses[ticket.status] }),
              h('span', { text: departmentName(ticket.department) }),
            ]),
            due ? h('span', { className: 'item-deadline' }, [due]) : null,
          ],
        );
        button.addEventListener('click', () => this.options.onOpen(ticket.id));
        return h('li', {}, [button]);
      }),
    );
    this.options.tick();
  }
}

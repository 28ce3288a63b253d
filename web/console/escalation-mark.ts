import * as z from 'zod/mini';
import { describeError, type ApiClient } from '../shared/api-client.js';
import { byId, h, replaceChildren, show } from '../shared/dom.js';
import type { EscalationMarkTexts } from './escalation-mark-texts.js';
import type { HeldConversation } from './held-conversation.js';

// GET/PUT/DELETE /api/conversations/:id/escalation-label[/mark] (server/http/escalation-label-routes.ts).
const LabelSchema = z.object({
  label: z.nullable(
    z.object({
      marks: z.array(z.object({ agentId: z.string(), note: z.string(), at: z.string() })),
      markedByMe: z.boolean(),
    }),
  ),
});
type Label = NonNullable<z.infer<typeof LabelSchema>['label']>;

/** Where an escalation has reached an agent: held now, held before, or watched by a supervisor. */
const JUDGED_STATUSES: ReadonlySet<HeldConversation['status']> = new Set(['active', 'released', 'watching']);

/**
 * The agent's "should not have been escalated" on the handoff card: shown once the AI's escalation has
 * reached an agent (it is then a labelled case for the signals); marking makes it a negative case for
 * the signals that fired, with an optional note, and the agent can take it back.
 */
export class EscalationMark {
  private readonly api: ApiClient;
  private readonly texts: EscalationMarkTexts;
  private readonly meId: () => string | undefined;
  private readonly box = byId('escalation-mark', HTMLElement);
  private shownFor: string | undefined;
  private conversationId: string | undefined;
  private label: Label | null = null;
  private loading: AbortController | undefined;

  constructor(options: { api: ApiClient; texts: EscalationMarkTexts; meId: () => string | undefined }) {
    this.api = options.api;
    this.texts = options.texts;
    this.meId = options.meId;
  }

  /**
   * Follows the conversation on screen; the label is fetched again when it or its status changes. An
   * offered conversation has none yet (it becomes one when accepted), so it is not asked for.
   */
  follow(held: HeldConversation | undefined): void {
    // A released conversation the agent only declined or let lapse is no longer theirs to read.
    const judged =
      held?.view !== undefined &&
      JUDGED_STATUSES.has(held.status) &&
      (held.status !== 'released' || held.taken === true);
    const key = judged ? `${held.conversationId}:${held.status}` : undefined;
    if (key === this.shownFor) return;
    this.shownFor = key;
    this.conversationId = held?.conversationId;
    this.loading?.abort();
    this.render(null);
    if (!key) return;
    const controller = new AbortController();
    this.loading = controller;
    // Before an agent accepted, there is no label yet: the box stays hidden (null).
    this.call('GET', '', controller.signal)
      .then((label) => {
        if (!controller.signal.aborted) this.render(label);
      })
      .catch(() => undefined);
  }

  private async call(
    method: 'GET' | 'PUT' | 'DELETE',
    suffix: string,
    signal?: AbortSignal,
    body?: unknown,
  ): Promise<Label | null> {
    const path = `/api/conversations/${encodeURIComponent(this.conversationId ?? '')}/escalation-label${suffix}`;
    const response = await this.api.request(method, path, LabelSchema, {
      ...(body === undefined ? {} : { body: { json: body } }),
      ...(signal ? { signal } : {}),
    });
    return response.label;
  }

  private render(label: Label | null, problem = ''): void {
    this.label = label;
    show(this.box, label !== null);
    if (!label) return;
    const { texts } = this;
    const me = this.meId();
    const mine = label.marks.find((mark) => mark.agentId === me);
    const others = label.marks.filter((mark) => mark.agentId !== me).length;
    const button = (text: string, className: string, id: string, run: () => void) => {
      const element = h('button', { className, text, attributes: { type: 'button', id } });
      element.addEventListener('click', run);
      return element;
    };
    replaceChildren(this.box, [
      mine
        ? h('span', { className: 'mark-state', text: texts.marked(mine.note) })
        : button(texts.mark, 'secondary', 'escalation-mark-open', () => this.openForm()),
      mine ? button(texts.undo, 'secondary', 'escalation-mark-undo', () => void this.change('DELETE')) : null,
      others > 0 ? h('span', { className: 'muted', text: texts.othersMarked(others) }) : null,
      problem ? h('p', { className: 'error-line', text: problem }) : null,
    ]);
  }

  private openForm(): void {
    const { texts } = this;
    const note = h('input', {
      attributes: { id: 'escalation-mark-note', maxlength: '500', placeholder: texts.notePlaceholder },
    });
    const cancel = h('button', {
      className: 'secondary',
      text: texts.cancel,
      attributes: { type: 'button', id: 'escalation-mark-cancel' },
    });
    cancel.addEventListener('click', () => this.render(this.label));
    const form = h('form', { className: 'mark-form' }, [
      h('p', { className: 'muted', text: texts.markHint }),
      note,
      h('button', { text: texts.confirm, attributes: { type: 'submit', id: 'escalation-mark-confirm' } }),
      cancel,
    ]);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.change('PUT', { note: note.value.trim() });
    });
    replaceChildren(this.box, [form]);
    note.focus();
  }

  private async change(method: 'PUT' | 'DELETE', body?: { note: string }): Promise<void> {
    try {
      this.render(await this.call(method, '/mark', undefined, body));
    } catch (error) {
      this.render(this.label, this.texts.failed(describeError(error)));
    }
  }
}

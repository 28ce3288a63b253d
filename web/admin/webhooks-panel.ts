import * as z from 'zod/mini';
import { describeError, type ApiClient } from '../shared/api-client.js';
import { byId, h, replaceChildren, show } from '../shared/dom.js';
import type { WebhookEventName, WebhooksTexts } from './webhooks-texts.js';

const EVENT_NAMES: readonly WebhookEventName[] = [
  'conversation.escalated',
  'conversation.assigned',
  'conversation.closed',
  'conversation.satisfaction',
  'ticket.created',
  'ticket.updated',
  'knowledge.gap_found',
  'room.alert.raised',
  'room.action.suggested',
  'viewer.block.requested',
];

const WebhookSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  active: z.boolean(),
  description: z.string(),
  createdAt: z.string(),
  /** During a rotation's grace period: until when the old secret still signs. */
  previousSecretExpiresAt: z.optional(z.string()),
});
type Webhook = z.infer<typeof WebhookSchema>;
const ListSchema = z.object({ webhooks: z.array(WebhookSchema), pending: z.number() });
const WithSecretSchema = z.object({ webhook: WebhookSchema, secret: z.string() });
const DeadLetterSchema = z.object({
  id: z.string(),
  subscriptionId: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  attempts: z.number(),
  lastError: z.nullable(z.string()),
  failedAt: z.string(),
});
const DeadLettersSchema = z.object({ deadLetters: z.array(DeadLetterSchema) });
const Anything = z.unknown();

/**
 * The admin's Webhooks tab: subscriptions (URL, events, active), the signing secret shown once after adding
 * or rotating, and the dead letters with "retry now" and "discard". Admins only, as the API.
 */
export class WebhooksPanel {
  private readonly api: ApiClient;
  private readonly status: (message: string, kind?: 'info' | 'error') => void;
  private readonly texts: WebhooksTexts;
  private readonly locale: string;
  private readonly root: HTMLElement;
  private readonly urlInput = h('input', {
    attributes: {
      id: 'webhook-url',
      type: 'url',
      required: '',
      maxlength: '2048',
      size: '48',
      placeholder: 'https://',
    },
  });
  private readonly descriptionInput = h('input', {
    attributes: { id: 'webhook-description', maxlength: '200', size: '24' },
  });
  private readonly activeInput = h('input', {
    attributes: { id: 'webhook-active', type: 'checkbox', checked: '' },
  });
  private readonly eventInputs = new Map<WebhookEventName, HTMLInputElement>();
  private readonly secretBox = h('div', {
    className: 'card padded stack webhook-secret',
    attributes: { id: 'webhook-secret-box' },
  });
  private readonly listBody = h('tbody', { attributes: { id: 'webhook-rows' } });
  private readonly deadBody = h('tbody', { attributes: { id: 'webhook-dead-rows' } });
  private readonly pendingLine = h('p', { className: 'muted', attributes: { id: 'webhook-pending' } });
  private urls = new Map<string, string>();

  constructor(options: {
    api: ApiClient;
    status: (message: string, kind?: 'info' | 'error') => void;
    texts: WebhooksTexts;
    locale: string;
  }) {
    this.api = options.api;
    this.status = options.status;
    this.texts = options.texts;
    this.locale = options.locale;
    this.root = byId('tab-webhooks', HTMLElement);
    const tab = document.querySelector<HTMLElement>('.tab[data-tab="webhooks"]');
    if (tab) tab.textContent = this.texts.tabWebhooks;
    this.build();
  }

  async load(): Promise<void> {
    try {
      const [{ webhooks, pending }, { deadLetters }] = await Promise.all([
        this.api.request('GET', '/api/webhooks', ListSchema),
        this.api.request('GET', '/api/webhooks/dead-letters?limit=200', DeadLettersSchema),
      ]);
      this.urls = new Map(webhooks.map((webhook) => [webhook.id, webhook.url]));
      this.pendingLine.textContent = this.texts.pending(pending);
      this.renderList(webhooks);
      this.renderDead(deadLetters);
    } catch (error) {
      this.status(this.texts.problem(describeError(error)), 'error');
    }
  }

  private build(): void {
    const t = this.texts;
    const events = EVENT_NAMES.map((name) => {
      const input = h('input', { attributes: { type: 'checkbox', value: name, 'data-event': name } });
      this.eventInputs.set(name, input);
      return h('label', { className: 'webhook-event' }, [
        input,
        ' ',
        t.events[name],
        ' ',
        h('code', { text: name }),
      ]);
    });
    const form = h('form', { className: 'card padded stack', attributes: { id: 'webhook-form' } }, [
      h('h3', { text: t.addTitle }),
      h('label', {}, [h('span', { text: t.fieldUrl }), ' ', this.urlInput]),
      h('label', {}, [h('span', { text: t.fieldDescription }), ' ', this.descriptionInput]),
      h('fieldset', { className: 'webhook-events' }, [h('legend', { text: t.fieldEvents }), ...events]),
      h('label', {}, [this.activeInput, ' ', t.fieldActive]),
      h('div', { className: 'row' }, [
        h('button', { text: t.add, attributes: { type: 'submit', id: 'webhook-add' } }),
      ]),
    ]);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.create();
    });
    show(this.secretBox, false);
    const head = (...names: string[]) =>
      h('thead', {}, [
        h(
          'tr',
          {},
          names.map((name) => h('th', { text: name })),
        ),
      ]);
    replaceChildren(this.root, [
      h('p', { className: 'muted', text: t.intro }),
      form,
      this.secretBox,
      h('section', { className: 'card padded stack' }, [
        h('h3', { text: t.listTitle }),
        this.pendingLine,
        h('table', { className: 'webhook-table' }, [
          head(t.columnUrl, t.columnEvents, t.columnState, t.columnCreated, t.columnActions),
          this.listBody,
        ]),
      ]),
      h('section', { className: 'card padded stack' }, [
        h('h3', { text: t.deadTitle }),
        h('p', { className: 'muted', text: t.deadHint }),
        h('table', { className: 'webhook-table' }, [
          head(t.columnEvent, t.columnUrl, t.columnAttempts, t.columnError, t.columnFailed, t.columnActions),
          this.deadBody,
        ]),
      ]),
    ]);
  }

  private async create(): Promise<void> {
    const events = [...this.eventInputs].filter(([, input]) => input.checked).map(([name]) => name);
    if (events.length === 0) {
      this.status(this.texts.chooseEvent, 'error');
      return;
    }
    try {
      const { secret } = await this.api.request('POST', '/api/webhooks', WithSecretSchema, {
        body: {
          json: {
            url: this.urlInput.value.trim(),
            events,
            active: this.activeInput.checked,
            description: this.descriptionInput.value.trim(),
          },
        },
      });
      this.urlInput.value = '';
      this.descriptionInput.value = '';
      for (const input of this.eventInputs.values()) input.checked = false;
      this.showSecret(secret);
      this.status(this.texts.created);
      await this.load();
    } catch (error) {
      this.status(this.texts.problem(describeError(error)), 'error');
    }
  }

  private showSecret(secret: string): void {
    const hide = h('button', {
      text: this.texts.hideSecret,
      className: 'secondary',
      attributes: { type: 'button' },
    });
    hide.addEventListener('click', () => {
      replaceChildren(this.secretBox, []);
      show(this.secretBox, false);
    });
    replaceChildren(this.secretBox, [
      h('h3', { text: this.texts.secretTitle }),
      h('p', { text: this.texts.secretHint }),
      h('code', { className: 'webhook-secret-value', text: secret, attributes: { id: 'webhook-secret' } }),
      h('div', { className: 'row' }, [hide]),
    ]);
    show(this.secretBox, true);
  }

  private renderList(webhooks: readonly Webhook[]): void {
    const t = this.texts;
    const rows = webhooks.map((webhook) => {
      const toggle = this.button(webhook.active ? t.pause : t.resume, 'secondary', () =>
        this.act(() =>
          this.api.request('PATCH', `/api/webhooks/${webhook.id}`, Anything, {
            body: { json: { active: !webhook.active } },
          }),
        ),
      );
      const rotate = this.button(t.rotate, 'secondary', async () => {
        if (!window.confirm(t.confirmRotate)) return;
        await this.act(async () => {
          const { secret } = await this.api.request(
            'POST',
            `/api/webhooks/${webhook.id}/rotate-secret`,
            WithSecretSchema,
          );
          this.showSecret(secret);
          this.status(t.rotated);
        });
      });
      const remove = this.button(t.remove, 'danger', async () => {
        if (!window.confirm(t.confirmRemove(webhook.url))) return;
        await this.act(async () => {
          await this.api.request('DELETE', `/api/webhooks/${webhook.id}`, Anything);
          this.status(t.removed);
        });
      });
      return h('tr', { attributes: { 'data-webhook': webhook.id } }, [
        h('td', {}, [
          h('div', { text: webhook.url }),
          webhook.description ? h('div', { className: 'muted', text: webhook.description }) : null,
        ]),
        h('td', {
          text: webhook.events.map((name) => t.events[name as WebhookEventName] ?? name).join(t.separator),
        }),
        h('td', {}, [
          h('div', { text: webhook.active ? t.active : t.paused }),
          webhook.previousSecretExpiresAt
            ? h('div', {
                className: 'muted webhook-grace',
                text: t.oldSecretUntil(new Date(webhook.previousSecretExpiresAt).toLocaleString(this.locale)),
              })
            : null,
        ]),
        h('td', { text: new Date(webhook.createdAt).toLocaleString(this.locale) }),
        h('td', { className: 'row' }, [toggle, rotate, remove]),
      ]);
    });
    replaceChildren(
      this.listBody,
      rows.length > 0
        ? rows
        : [h('tr', {}, [h('td', { className: 'muted', text: t.noWebhooks, attributes: { colspan: '5' } })])],
    );
  }

  private renderDead(deadLetters: z.infer<typeof DeadLettersSchema>['deadLetters']): void {
    const t = this.texts;
    const rows = deadLetters.map((dead) =>
      h('tr', { attributes: { 'data-dead-letter': dead.id } }, [
        h('td', {}, [
          h('div', { text: t.events[dead.eventType as WebhookEventName] ?? dead.eventType }),
          h('code', { className: 'muted', text: dead.eventId }),
        ]),
        h('td', { text: this.urls.get(dead.subscriptionId) ?? dead.subscriptionId }),
        h('td', { text: String(dead.attempts) }),
        h('td', { className: 'webhook-error', text: dead.lastError ?? '' }),
        h('td', { text: new Date(dead.failedAt).toLocaleString(this.locale) }),
        h('td', { className: 'row' }, [
          this.button(t.retry, 'secondary', () =>
            this.act(async () => {
              await this.api.request('POST', `/api/webhooks/dead-letters/${dead.id}/retry`, Anything);
              this.status(t.retried);
            }),
          ),
          this.button(t.discard, 'danger', () =>
            this.act(async () => {
              await this.api.request('DELETE', `/api/webhooks/dead-letters/${dead.id}`, Anything);
              this.status(t.discarded);
            }),
          ),
        ]),
      ]),
    );
    replaceChildren(
      this.deadBody,
      rows.length > 0
        ? rows
        : [h('tr', {}, [h('td', { className: 'muted', text: t.noDead, attributes: { colspan: '6' } })])],
    );
  }

  private button(text: string, className: string, onClick: () => unknown): HTMLButtonElement {
    const button = h('button', { text, className, attributes: { type: 'button' } });
    button.addEventListener('click', () => void onClick());
    return button;
  }

  private async act(action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
    } catch (error) {
      this.status(this.texts.problem(describeError(error)), 'error');
    }
    await this.load();
  }
}

import * as z from 'zod/mini';
import type { ApiClient } from '../shared/api-client.js';
import { byId, h, replaceChildren, show, type Child } from '../shared/dom.js';
import type { CommerceTexts } from './commerce-texts.js';

const Scalar = z.union([z.string(), z.number(), z.boolean()]);
const FieldsSchema = z.record(z.string(), z.union([Scalar, z.array(z.record(z.string(), Scalar))]));
const SectionSchema = z.union([
  z.object({ status: z.literal('ok'), fields: FieldsSchema }),
  z.object({ status: z.literal('unavailable'), reason: z.string() }),
  z.object({ status: z.literal('not_configured') }),
]);
type Section = z.infer<typeof SectionSchema>;
type Fields = z.infer<typeof FieldsSchema>;
type Row = Record<string, string | number | boolean>;

/** GET /api/conversations/:id/commerce (server/tools/commerce-panel.ts). */
const PanelSchema = z.object({
  viewer: z.object({ verified: z.boolean() }),
  productInView: z.optional(z.string()),
  orders: SectionSchema,
  shipment: SectionSchema,
  product: SectionSchema,
});
type Panel = z.infer<typeof PanelSchema>;

const text = (value: string | number | boolean | undefined | unknown[]): string =>
  value === undefined || Array.isArray(value) ? '' : String(value);
const rows = (fields: Fields, name: string): Row[] => {
  const value = fields[name];
  return Array.isArray(value) ? value : [];
};

/**
 * The held conversation's shop facts for the agent: the verified viewer's recent orders, the latest
 * shipment and its events, the product in view with its stock by size. Looked up when the agent opens the
 * conversation and on "Refresh", through the same tools the assistant's answers use.
 */
export class CommercePanel {
  private readonly section = byId('commerce', HTMLElement);
  private readonly body: HTMLElement;
  private readonly refresh: HTMLButtonElement;
  private conversationId: string | undefined;
  private loading: AbortController | undefined;

  constructor(
    private readonly api: ApiClient,
    private readonly texts: CommerceTexts,
  ) {
    this.refresh = h('button', {
      className: 'link',
      text: texts.refresh,
      attributes: { type: 'button', id: 'commerce-refresh' },
    });
    this.refresh.addEventListener('click', () => {
      if (this.conversationId) void this.load(this.conversationId);
    });
    this.body = h('div', { className: 'commerce-body', attributes: { id: 'commerce-body' } });
    replaceChildren(this.section, [h('h3', {}, [texts.heading, ' ', this.refresh]), this.body]);
  }

  show(conversationId: string | undefined): void {
    show(this.section, conversationId !== undefined);
    if (conversationId === this.conversationId) return;
    this.conversationId = conversationId;
    this.loading?.abort();
    if (conversationId) void this.load(conversationId);
  }

  private async load(conversationId: string): Promise<void> {
    this.loading?.abort();
    const controller = new AbortController();
    this.loading = controller;
    replaceChildren(this.body, [h('p', { className: 'muted', text: this.texts.loading })]);
    try {
      const panel = await this.api.request(
        'GET',
        `/api/conversations/${encodeURIComponent(conversationId)}/commerce`,
        PanelSchema,
        { signal: controller.signal },
      );
      if (!controller.signal.aborted) replaceChildren(this.body, this.render(panel));
    } catch {
      if (!controller.signal.aborted)
        replaceChildren(this.body, [h('p', { className: 'error-line', text: this.texts.failed })]);
    }
  }

  private render(panel: Panel): Child[] {
    const { texts } = this;
    return [
      h('h4', { text: texts.orders }),
      panel.viewer.verified
        ? this.section_(panel.orders, (fields) => this.orders(fields))
        : h('p', { className: 'muted', text: texts.notVerified }),
      h('h4', { text: texts.shipment }),
      panel.viewer.verified
        ? this.section_(panel.shipment, (fields) => this.shipment(fields))
        : h('p', { className: 'muted', text: '—' }),
      h('h4', { text: texts.product }),
      panel.productInView === undefined
        ? h('p', { className: 'muted', text: texts.noProduct })
        : this.section_(panel.product, (fields) => this.product(fields)),
    ];
  }

  private section_(section: Section, render: (fields: Fields) => Child): Child {
    if (section.status === 'ok') return render(section.fields);
    if (section.status === 'not_configured')
      return h('p', { className: 'muted', text: this.texts.notConfigured });
    return h('p', { className: 'muted', text: this.texts.unavailable(section.reason) });
  }

  /** `productName`, or `productNameEn` in the English console when the tool maps one. */
  private localized(row: Row | Fields, name: string): string {
    const english = row[`${name}En`];
    return text(this.texts.english && english !== undefined ? english : row[name]);
  }

  private orders(fields: Fields): Child {
    const { texts } = this;
    const orders = rows(fields, 'orders');
    if (orders.length === 0) return h('p', { className: 'muted', text: texts.noOrders });
    return h(
      'ul',
      { className: 'commerce-orders' },
      orders.map((order) =>
        h('li', { attributes: { 'data-order-id': text(order.id) } }, [
          h('strong', { text: text(order.id) }),
          ` ${this.localized(order, 'productName')}`,
          order.size !== undefined ? ` · ${texts.size(text(order.size))}` : '',
          ` · ${texts.orderStatus[text(order.status)] ?? text(order.status)}`,
          order.placedAt !== undefined
            ? h('span', { className: 'muted', text: ` · ${text(order.placedAt).slice(0, 10)}` })
            : '',
        ]),
      ),
    );
  }

  private shipment(fields: Fields): Child {
    const { texts } = this;
    const events = rows(fields, 'events').slice(0, 3);
    const status = text(fields.status);
    return h('div', { className: 'commerce-shipment' }, [
      h('p', {}, [
        h('strong', { text: this.localized(fields, 'carrier') }),
        ` → ${this.localized(fields, 'city')} · ${texts.shipmentStatus[status] ?? status}`,
        fields.eta !== undefined ? ` · ${texts.eta(text(fields.eta))}` : '',
      ]),
      h(
        'ol',
        { className: 'commerce-events' },
        events.map((event) =>
          h('li', {}, [
            h('span', { className: 'muted', text: `${text(event.at).slice(5, 16).replace('T', ' ')} ` }),
            this.localized(event, 'description'),
          ]),
        ),
      ),
    ]);
  }

  private product(fields: Fields): Child {
    const { texts } = this;
    const stock = rows(fields, 'stock');
    return h('div', { className: 'commerce-product' }, [
      h('p', {}, [
        h('strong', { text: this.localized(fields, 'name') }),
        fields.price !== undefined ? ` · ${texts.price(Number(fields.price))}` : '',
      ]),
      h(
        'table',
        { className: 'commerce-stock' },
        stock.map((size) =>
          h('tr', { className: Number(size.count) > 0 ? '' : 'sold-out' }, [
            h('th', { text: text(size.size) }),
            h('td', { text: Number(size.count) > 0 ? texts.left(Number(size.count)) : texts.soldOut }),
          ]),
        ),
      ),
    ]);
  }
}

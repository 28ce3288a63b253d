import * as z from 'zod/mini';
import { describeError, type ApiClient } from '../shared/api-client.js';
import { byId, h, replaceChildren } from '../shared/dom.js';
import type { AdminTexts } from './admin-texts.js';
import { auditWhy } from './audit-why.js';

const AuditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actorUsername: z.nullable(z.string()),
  action: z.string(),
  outcome: z.enum(['success', 'failure', 'refused']),
  subject: z.nullable(z.string()),
  address: z.nullable(z.string()),
  details: z.optional(z.record(z.string(), z.unknown())),
});
const AuditPageSchema = z.object({ entries: z.array(AuditEntrySchema) });

/** The audit log of staff actions (GET /api/audit), newest first, filtered by who, what and since when. */
export class AuditPanel {
  private readonly api: ApiClient;
  private readonly status: (message: string, kind?: 'info' | 'error') => void;
  private readonly texts: AdminTexts;

  constructor(options: {
    api: ApiClient;
    status: (message: string, kind?: 'info' | 'error') => void;
    texts: AdminTexts;
  }) {
    this.api = options.api;
    this.status = options.status;
    this.texts = options.texts;
    byId('audit-form', HTMLFormElement).addEventListener('submit', (event) => {
      event.preventDefault();
      void this.load();
    });
  }

  async load(): Promise<void> {
    const query = new URLSearchParams({ limit: '200' });
    const actor = byId('audit-actor', HTMLInputElement).value.trim();
    const action = byId('audit-action', HTMLInputElement).value.trim();
    const since = byId('audit-since', HTMLInputElement).value;
    if (actor) query.set('actor', actor);
    if (action) query.set('action', action);
    // A day picked here is a day where the admin is.
    if (since) query.set('since', new Date(`${since}T00:00:00`).toISOString());
    try {
      const { entries } = await this.api.request('GET', `/api/audit?${query.toString()}`, AuditPageSchema);
      const rows = entries.map((entry) => {
        const why = auditWhy(entry.details, this.texts.locale.startsWith('zh') ? 'zh' : 'en');
        return h('tr', { className: `audit-${entry.outcome}` }, [
          h('td', { text: new Date(entry.at).toLocaleString(this.texts.locale) }),
          h('td', { text: entry.actorUsername ?? '—' }),
          h('td', {}, [entry.action, why && h('div', { className: 'muted audit-why', text: why })]),
          h('td', { text: this.texts.auditOutcomes[entry.outcome] }),
          h('td', { text: entry.subject ?? '' }),
          h('td', { text: entry.address ?? '' }),
        ]);
      });
      replaceChildren(
        byId('audit-rows', HTMLElement),
        rows.length > 0
          ? rows
          : [
              h('tr', {}, [
                h('td', { className: 'muted', text: this.texts.noAudit, attributes: { colspan: '6' } }),
              ]),
            ],
      );
    } catch (error) {
      this.status(this.texts.problem(this.texts.tabAudit, describeError(error)), 'error');
    }
  }
}

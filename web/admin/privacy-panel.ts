import * as z from 'zod/mini';
import { ApiError, describeError, type ApiClient } from '../shared/api-client.js';
import { h, replaceChildren } from '../shared/dom.js';
import type { PrivacyAdminTexts } from './privacy-texts.js';

const ExportSchema = z.object({ viewerId: z.string(), counts: z.record(z.string(), z.number()) });
const EraseSchema = z.object({ mode: z.string(), conversations: z.number(), tickets: z.number() });
const RunSchema = z.object({
  at: z.string(),
  mode: z.string(),
  conversations: z.number(),
  tickets: z.number(),
});
const RetentionSchema = z.object({
  policy: z.object({ conversationsDays: z.number(), ticketsDays: z.number(), mode: z.string() }),
  lastRun: z.nullable(RunSchema),
});

/**
 * The admin's Privacy tab: export everything about one viewer as a JSON file, erase it (deleted or
 * anonymised, after typing the id again), and the retention policy with its last run. Admins only, as the API.
 */
export class PrivacyPanel {
  private readonly api: ApiClient;
  private readonly texts: PrivacyAdminTexts;
  private readonly locale: string;
  private readonly root: HTMLElement;
  private readonly viewerInput = h('input', {
    attributes: { id: 'privacy-viewer-id', required: '', maxlength: '128', size: '32' },
  });
  private readonly mode: HTMLSelectElement;
  private readonly result = h('p', {
    className: 'privacy-result',
    attributes: { id: 'privacy-result', role: 'status' },
  });
  private readonly retention = h('div', { attributes: { id: 'privacy-retention' } });

  constructor(options: { api: ApiClient; texts: PrivacyAdminTexts; locale: string; root: HTMLElement }) {
    this.api = options.api;
    this.texts = options.texts;
    this.locale = options.locale;
    this.root = options.root;
    const { texts } = this;
    const tab = document.querySelector<HTMLElement>('.tab[data-tab="privacy"]');
    if (tab) tab.textContent = texts.tabPrivacy;
    this.mode = h('select', { attributes: { id: 'privacy-erase-mode' } }, [
      h('option', { text: texts.modes.anonymise, attributes: { value: 'anonymise' } }),
      h('option', { text: texts.modes.delete, attributes: { value: 'delete' } }),
    ]);
    const exportButton = h('button', {
      text: texts.exportJson,
      attributes: { type: 'button', id: 'privacy-export' },
    });
    const eraseButton = h('button', {
      className: 'danger',
      text: texts.erase,
      attributes: { type: 'button', id: 'privacy-erase' },
    });
    exportButton.addEventListener('click', () => void this.exportViewer());
    eraseButton.addEventListener('click', () => void this.eraseViewer());
    const runButton = h('button', {
      text: texts.runNow,
      attributes: { type: 'button', id: 'privacy-retention-run' },
    });
    runButton.addEventListener('click', () => void this.runRetention());
    replaceChildren(this.root, [
      h('div', { className: 'card padded' }, [
        h('h2', { text: texts.requestsTitle }),
        h('p', { className: 'muted', text: texts.requestsIntro }),
        h('div', { className: 'row' }, [
          h('label', {}, [h('span', { text: texts.viewerId }), ' ', this.viewerInput]),
          exportButton,
          h('label', {}, [h('span', { text: texts.eraseMode }), ' ', this.mode]),
          eraseButton,
        ]),
        this.result,
      ]),
      h('div', { className: 'card padded' }, [
        h('h2', { text: texts.retentionTitle }),
        this.retention,
        runButton,
      ]),
    ]);
  }

  async load(): Promise<void> {
    try {
      const state = await this.api.request('GET', '/api/privacy/retention', RetentionSchema);
      const { policy, lastRun } = state;
      replaceChildren(this.retention, [
        h('p', {
          text:
            policy.conversationsDays === 0 && policy.ticketsDays === 0
              ? this.texts.retentionOff
              : this.texts.retentionPolicy(policy.conversationsDays, policy.ticketsDays, policy.mode),
        }),
        h('p', {
          className: 'muted',
          text: lastRun
            ? this.texts.lastRun(
                new Date(lastRun.at).toLocaleString(this.locale),
                lastRun.conversations,
                lastRun.tickets,
              )
            : this.texts.neverRun,
        }),
      ]);
    } catch (error) {
      this.show(this.texts.failed(describeError(error)), 'error');
    }
  }

  private viewerId(): string | undefined {
    const viewerId = this.viewerInput.value.trim();
    if (viewerId === '') {
      this.viewerInput.reportValidity();
      return undefined;
    }
    return viewerId;
  }

  private async exportViewer(): Promise<void> {
    const viewerId = this.viewerId();
    if (!viewerId) return;
    try {
      const exported = await this.api.request(
        'GET',
        `/api/privacy/viewers/${encodeURIComponent(viewerId)}/export`,
        z.unknown(),
      );
      const summary = ExportSchema.parse(exported);
      const link = h('a', {
        attributes: {
          href: URL.createObjectURL(
            new Blob([JSON.stringify(exported, null, 2)], { type: 'application/json' }),
          ),
          download: `livedesk-viewer-${viewerId.replace(/[^A-Za-z0-9._-]/g, '_')}.json`,
        },
      });
      document.body.append(link);
      link.click();
      link.remove();
      this.show(this.texts.exported(summary.counts));
    } catch (error) {
      this.show(this.texts.failed(describeError(error)), 'error');
    }
  }

  private async eraseViewer(): Promise<void> {
    const viewerId = this.viewerId();
    if (!viewerId) return;
    const typed = window.prompt(this.texts.confirmErase(viewerId));
    if (typed === null) return;
    if (typed.trim() !== viewerId) {
      this.show(this.texts.confirmMismatch, 'error');
      return;
    }
    try {
      const erased = await this.api.request(
        'POST',
        `/api/privacy/viewers/${encodeURIComponent(viewerId)}/erase`,
        EraseSchema,
        { body: { json: { mode: this.mode.value, confirmViewerId: typed.trim() } } },
      );
      this.show(this.texts.erased(erased.mode, erased.conversations, erased.tickets));
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        this.show(this.texts.stillTalking, 'error');
        return;
      }
      this.show(this.texts.failed(describeError(error)), 'error');
    }
  }

  private async runRetention(): Promise<void> {
    try {
      await this.api.request('POST', '/api/privacy/retention/run', RunSchema);
      await this.load();
    } catch (error) {
      this.show(this.texts.failed(describeError(error)), 'error');
    }
  }

  private show(message: string, kind: 'info' | 'error' = 'info'): void {
    this.result.textContent = message;
    this.result.dataset.kind = kind;
  }
}

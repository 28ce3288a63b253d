import * as z from 'zod/mini';
import { createApiClient, describeError } from '../shared/api-client.js';
import { h } from '../shared/dom.js';
import type { ReportTexts } from './report-texts.js';

const REASONS = [
  'harassment',
  'sexual-content',
  'scam-or-fraud',
  'minor-safety',
  'hate-or-threats',
  'spam',
  'other',
];
const ReportedSchema = z.object({ ticketId: z.string(), blockRequested: z.boolean() });

/**
 * "Report" in the viewer page: the other party's id, a reason, a note and the wish to block, sent with the
 * viewer's own token (POST /api/viewer/reports). The page says the platform decides on the block.
 */
export class ReportPanel {
  private readonly texts: ReportTexts;
  private readonly session: () => { token: string; conversationId: string } | undefined;
  private readonly form: HTMLFormElement;
  private readonly status = h('p', {
    className: 'report-status',
    attributes: { id: 'report-status', role: 'status' },
  });

  constructor(options: {
    texts: ReportTexts;
    session: () => { token: string; conversationId: string } | undefined;
    header: HTMLElement;
  }) {
    this.texts = options.texts;
    this.session = options.session;
    const { texts } = this;
    const user = h('input', {
      attributes: { id: 'report-user', name: 'reportedUserId', required: '', maxlength: '128' },
    });
    const reason = h(
      'select',
      { attributes: { id: 'report-reason', name: 'reason' } },
      REASONS.map((value) => h('option', { text: texts.reasons[value] ?? value, attributes: { value } })),
    );
    const note = h('input', { attributes: { id: 'report-note', name: 'note', maxlength: '1000' } });
    const block = h('input', {
      attributes: { id: 'report-block', name: 'block', type: 'checkbox', checked: '' },
    });
    const cancel = h('button', {
      className: 'secondary',
      text: texts.cancel,
      attributes: { type: 'button' },
    });
    this.form = h('form', { className: 'report-form', attributes: { id: 'report-form', hidden: '' } }, [
      h('strong', { text: texts.title }),
      h('p', { className: 'muted', text: texts.hint }),
      h('label', {}, [texts.reportedUser, user]),
      h('label', {}, [texts.reason, reason]),
      h('label', {}, [texts.note, note]),
      h('label', { className: 'report-block' }, [block, texts.block]),
      h('div', { className: 'report-actions' }, [
        cancel,
        h('button', { text: texts.submit, attributes: { type: 'submit', id: 'report-submit' } }),
      ]),
      this.status,
    ]);
    const open = h('button', {
      className: 'secondary report-open',
      text: texts.open,
      attributes: { type: 'button', id: 'report-open' },
    });
    open.addEventListener('click', () => {
      this.status.textContent = '';
      this.form.hidden = !this.form.hidden;
    });
    cancel.addEventListener('click', () => (this.form.hidden = true));
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.send({
        reportedUserId: user.value.trim(),
        reason: reason.value,
        note: note.value.trim(),
        block: block.checked,
      });
    });
    options.header.append(open);
    options.header.after(this.form);
  }

  private async send(report: {
    reportedUserId: string;
    reason: string;
    note: string;
    block: boolean;
  }): Promise<void> {
    const session = this.session();
    if (!session) {
      this.status.textContent = this.texts.notReady;
      return;
    }
    const api = createApiClient({ token: () => session.token });
    try {
      const reported = await api.request('POST', '/api/viewer/reports', ReportedSchema, {
        body: { json: { conversationId: session.conversationId, ...report } },
      });
      this.status.textContent = this.texts.sent(reported.blockRequested);
    } catch (error) {
      this.status.textContent = this.texts.failed(describeError(error));
    }
  }
}

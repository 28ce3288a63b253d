import { describeError } from '../shared/api-client.js';
import { byId, h, replaceChildren, show } from '../shared/dom.js';
import type { CountsView, JobView, SignalsApi } from './signals-api.js';
import { signalName, type SignalsTexts } from './signals-texts.js';

export interface SignalTrainingBoxOptions {
  api: SignalsApi;
  texts: SignalsTexts;
  /** A retrain stored this (inactive) version. */
  onTrained: (version: number) => void;
  pollMs?: number;
}

/** What a retrain learns from (suite and desk labels per signal, which to train) and the retrain itself. */
export class SignalTrainingBox {
  private readonly options: SignalTrainingBoxOptions;
  private readonly table = byId('signals-labels', HTMLTableElement);
  private readonly retrain = byId('signals-retrain', HTMLButtonElement);
  private readonly cancel = byId('signals-cancel', HTMLButtonElement);
  private readonly problems = byId('signals-problems', HTMLUListElement);
  private running: JobView | undefined;
  private polling: number | undefined;

  constructor(options: SignalTrainingBoxOptions) {
    this.options = options;
    const { texts } = options;
    byId('signals-labels-title', HTMLElement).textContent = texts.labelsTitle;
    this.retrain.textContent = texts.retrain;
    this.cancel.textContent = texts.cancel;
    this.retrain.addEventListener('click', () => void this.start());
    this.cancel.addEventListener('click', () => void this.stop());
  }

  show(counts: CountsView): void {
    const { texts } = this.options;
    byId('signals-labels-summary', HTMLElement).textContent = texts.labelsSummary(
      counts.suite.file,
      counts.suite.lines,
      counts.desk.labels,
      counts.desk.marked,
    );
    const tally = (value: { positives: number; negatives: number }) =>
      `${value.positives} / ${value.negatives}`;
    replaceChildren(this.table, [
      h('thead', {}, [
        h('tr', {}, [
          h('th', { text: texts.columnSignal }),
          h('th', { text: texts.columnSuite }),
          h('th', { text: texts.columnDesk }),
          h('th', { text: texts.columnTrain }),
        ]),
      ]),
      h(
        'tbody',
        {},
        counts.signals.map((count) => {
          const box = h('input', { attributes: { type: 'checkbox', value: count.signal } });
          box.checked = count.enough;
          return h('tr', { attributes: { 'data-signal': count.signal } }, [
            h('th', { text: signalName(texts, count.signal), attributes: { scope: 'row' } }),
            h('td', { className: 'number', text: tally(count.suite) }),
            h('td', { className: 'number', text: tally(count.desk) }),
            h('td', {}, [
              h('label', { className: 'check' }, [
                box,
                count.enough
                  ? null
                  : h('span', { className: 'muted', text: ` ${texts.tooFew(counts.minPositives)}` }),
              ]),
            ]),
          ]);
        }),
      ),
    ]);
  }

  private chosen(): string[] {
    return [...this.table.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')].map(
      (box) => box.value,
    );
  }

  private async start(): Promise<void> {
    const signals = this.chosen();
    replaceChildren(this.problems, []);
    if (signals.length === 0) return this.setStatus(this.options.texts.chooseSignal, 'error');
    this.retrain.disabled = true;
    try {
      this.follow((await this.options.api.startTraining(signals)).job);
    } catch (error) {
      this.setStatus(describeError(error), 'error');
      this.retrain.disabled = false;
    }
  }

  private async stop(): Promise<void> {
    if (!this.running) return;
    window.clearTimeout(this.polling);
    try {
      this.follow((await this.options.api.cancel(this.running.id)).job);
    } catch (error) {
      this.setStatus(describeError(error), 'error');
    }
  }

  private follow(job: JobView): void {
    const { texts } = this.options;
    this.running = job.status === 'running' ? job : undefined;
    show(this.cancel, job.status === 'running');
    this.retrain.disabled = job.status === 'running';
    if (job.status === 'running') {
      const phase = job.phase ?? 'reading';
      const signal = job.signal ? signalName(texts, job.signal) : '';
      this.setStatus(texts.phases[phase](job.progress.done, job.progress.total, signal), 'info');
      this.polling = window.setTimeout(() => void this.poll(job.id), this.options.pollMs ?? 600);
      return;
    }
    if (job.status === 'done' && job.version !== null) {
      this.setStatus(texts.trained(job.version), 'info');
      this.options.onTrained(job.version);
    } else if (job.status === 'cancelled') {
      this.setStatus(texts.cancelled, 'error');
    } else {
      this.setStatus(texts.noModelMade, 'error');
      const lines = job.problems.length > 0 ? job.problems : [job.error ?? ''];
      replaceChildren(
        this.problems,
        lines.map((line) => h('li', { text: line })),
      );
    }
  }

  private async poll(id: string): Promise<void> {
    try {
      this.follow(await this.options.api.job(id));
    } catch (error) {
      this.setStatus(describeError(error), 'error');
      this.retrain.disabled = false;
      show(this.cancel, false);
    }
  }

  private setStatus(message: string, kind: 'info' | 'error'): void {
    const status = byId('signals-training', HTMLElement);
    status.textContent = message;
    status.dataset.kind = kind;
  }
}

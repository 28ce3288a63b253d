import { describeError, type ApiClient } from '../shared/api-client.js';
import { byId, h, replaceChildren, show } from '../shared/dom.js';
import { downloadText, fetchText } from '../shared/download.js';
import {
  compareTable,
  figureFormat,
  figuresTable,
  signalsLine,
  type FigureFormat,
} from './signal-figures.js';
import { SignalTrainingBox } from './signal-training-box.js';
import { signalsApi, type ListingView, type VersionView } from './signals-api.js';
import type { SignalsTexts } from './signals-texts.js';

export interface SignalsPanelOptions {
  api: ApiClient;
  token: () => string | undefined;
  texts: SignalsTexts;
  /** BCP 47 tag for numbers and dates. */
  locale: string;
}

/**
 * The Signals tab: the model in use with its figures, what a retrain learns from and the retrain, model
 * uploads, and every stored version to compare, activate (roll back) or download. Nothing is activated
 * without a click: a new version is shown beside the one in use first.
 */
export class SignalsPanel {
  private readonly options: SignalsPanelOptions;
  private readonly api: ReturnType<typeof signalsApi>;
  private readonly format: FigureFormat;
  private readonly dates: Intl.DateTimeFormat;
  private readonly training: SignalTrainingBox;
  private listing: ListingView | undefined;

  constructor(options: SignalsPanelOptions) {
    this.options = options;
    this.api = signalsApi(options.api);
    const { texts } = options;
    this.format = figureFormat(texts, options.locale);
    this.dates = new Intl.DateTimeFormat(options.locale, { dateStyle: 'medium', timeStyle: 'short' });
    this.training = new SignalTrainingBox({
      api: this.api,
      texts,
      onTrained: (version) => void this.load().then(() => this.compare(version)),
    });
    byId('signals-active-title', HTMLElement).textContent = texts.activeTitle;
    byId('signals-upload-title', HTMLElement).textContent = texts.uploadTitle;
    byId('signals-upload-hint', HTMLElement).textContent = texts.uploadHint;
    byId('signals-upload-button', HTMLButtonElement).textContent = texts.upload;
    byId('signals-versions-title', HTMLElement).textContent = texts.versionsTitle;
    byId('signals-upload', HTMLFormElement).addEventListener('submit', (event) => {
      event.preventDefault();
      const file = byId('signals-file', HTMLInputElement).files?.[0];
      if (file) void this.upload(file);
    });
  }

  async load(): Promise<void> {
    try {
      const [listing, counts] = await Promise.all([this.api.listing(), this.api.counts()]);
      this.listing = listing;
      this.showActive(listing);
      this.showVersions(listing);
      this.training.show(counts);
    } catch (error) {
      this.setResult('signals-upload-result', describeError(error), 'error');
    }
  }

  private versionOf(number: number | null): VersionView | undefined {
    return this.listing?.versions.find((version) => version.version === number);
  }

  private made(version: VersionView): string {
    const { texts } = this.options;
    return texts.activeLine(
      version.version,
      texts.origins[version.origin],
      version.createdBy,
      this.dates.format(new Date(version.createdAt)),
    );
  }

  private showActive(listing: ListingView): void {
    const { texts } = this.options;
    const active = this.versionOf(listing.activeVersion);
    const choice = listing.choice;
    const chosen = choice
      ? texts.chosenLine(choice.chosenBy, this.dates.format(new Date(choice.chosenAt)))
      : '';
    const testSplit = active?.testSplit;
    replaceChildren(
      byId('signals-active', HTMLElement),
      active
        ? [
            h('p', { className: 'strong', text: this.made(active) }),
            h('p', {
              className: 'muted',
              text: `${texts.sources}: ${active.sources.map((source) => texts.source(source)).join(' · ')}`,
            }),
            figuresTable(active, this.format),
            testSplit
              ? h('p', {
                  className: 'muted small',
                  text: texts.figuresHint(testSplit.source, testSplit.cases),
                })
              : null,
            h('p', { className: 'muted', text: chosen }),
          ]
        : [
            h('p', { className: 'strong', text: texts.noModel }),
            h('p', { className: 'muted', text: chosen || texts.noModelHint }),
          ],
    );
  }

  private showVersions(listing: ListingView): void {
    const { texts } = this.options;
    const action = (label: string, run: () => void, className = 'secondary') => {
      const button = h('button', { className, text: label, attributes: { type: 'button' } });
      button.addEventListener('click', run);
      return button;
    };
    const inUse = h('span', { className: 'badge active-badge', text: texts.inUse });
    const noneRow = h('tr', { attributes: { 'data-version': 'none' } }, [
      h('td', { text: '–' }),
      h('td', { text: texts.noModelRow }),
      h('td', { className: 'muted', text: '' }),
      h('td', {}, [
        h('div', { className: 'actions' }, [
          listing.activeVersion === null
            ? inUse.cloneNode(true)
            : action(texts.useNone, () => void this.activate(null)),
        ]),
      ]),
    ]);
    const rows = listing.versions.map((version) =>
      h(
        'tr',
        {
          attributes: { 'data-version': String(version.version) },
          ...(version.version === listing.activeVersion ? { className: 'active' } : {}),
        },
        [
          h('td', { className: 'number', text: String(version.version) }),
          h('td', { text: this.made(version) }),
          h('td', { className: 'small', text: signalsLine(version, this.format) }),
          h('td', {}, [
            h('div', { className: 'actions' }, [
              version.version === listing.activeVersion
                ? inUse.cloneNode(true)
                : action(texts.activate, () => void this.activate(version.version), ''),
              version.version === listing.activeVersion
                ? null
                : action(texts.compare, () => this.compare(version.version)),
              action(texts.download, () => void this.download(version.version)),
            ]),
          ]),
        ],
      ),
    );
    replaceChildren(byId('signals-versions', HTMLTableElement), [
      h('thead', {}, [
        h('tr', {}, [
          h('th', { text: texts.columnVersion }),
          h('th', { text: texts.columnMade }),
          h('th', { text: texts.columnSignals }),
          h('th', {}),
        ]),
      ]),
      h('tbody', {}, [...rows, noneRow]),
    ]);
  }

  /** Shows a version beside the one in use, with the button that activates it. */
  private compare(number: number): void {
    const { texts } = this.options;
    const candidate = this.versionOf(number);
    const box = byId('signals-compare', HTMLElement);
    if (!candidate || !this.listing) return show(box, false);
    const activate = h('button', {
      text: texts.activateVersion(number),
      attributes: { type: 'button', id: 'signals-compare-activate' },
    });
    activate.addEventListener('click', () => void this.activate(number));
    replaceChildren(box, [
      h('h3', { text: texts.compareTitle(number) }),
      compareTable(candidate, this.versionOf(this.listing.activeVersion), this.format),
      h('p', { className: 'muted small', text: texts.compareHint }),
      activate,
    ]);
    show(box, true);
  }

  private async activate(version: number | null): Promise<void> {
    try {
      await this.api.activate(version);
      show(byId('signals-compare', HTMLElement), false);
      byId('signals-training', HTMLElement).textContent = '';
      await this.load();
      this.setResult('signals-activated', this.options.texts.activated(version), 'info');
    } catch (error) {
      this.setResult('signals-activated', describeError(error), 'error');
    }
  }

  private async upload(file: File): Promise<void> {
    const { texts } = this.options;
    const button = byId('signals-upload-button', HTMLButtonElement);
    button.disabled = true;
    try {
      const { version, created } = await this.api.upload(await file.text(), file.name);
      await this.load();
      this.setResult(
        'signals-upload-result',
        created ? texts.uploaded(version.version) : texts.alreadyStored(version.version),
        'info',
      );
      if (version.version !== this.listing?.activeVersion) this.compare(version.version);
    } catch (error) {
      this.setResult('signals-upload-result', texts.refused(describeError(error)), 'error');
    } finally {
      button.disabled = false;
    }
  }

  private async download(version: number): Promise<void> {
    try {
      const text = await fetchText(`/api/signals/models/${version}`, this.options.token());
      downloadText(text, `livedesk-signal-model-v${version}.json`, 'application/json');
    } catch (error) {
      this.setResult('signals-activated', describeError(error), 'error');
    }
  }

  private setResult(id: string, message: string, kind: 'info' | 'error'): void {
    const line = byId(id, HTMLElement);
    line.textContent = message;
    line.dataset.kind = kind;
  }
}

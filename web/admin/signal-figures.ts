import { h } from '../shared/dom.js';
import type { VersionView } from './signals-api.js';
import { signalName, type SignalsTexts } from './signals-texts.js';

export interface FigureFormat {
  texts: SignalsTexts;
  percent: (value: number) => string;
}

export function figureFormat(texts: SignalsTexts, locale: string): FigureFormat {
  const format = new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  return { texts, percent: (value) => format.format(value) };
}

const cell = (text: string, className = '') => h('td', { text, ...(className ? { className } : {}) });

/** One version's classifiers: the held-out figures from training and the test split's, each beside the lists. */
export function figuresTable(version: VersionView, format: FigureFormat): HTMLTableElement {
  const { texts, percent } = format;
  const header = [
    texts.columnSignal,
    texts.columnHeldOut,
    texts.columnPrecision,
    texts.columnRecall,
    texts.columnF1,
    texts.columnListsF1,
    texts.columnTestF1,
    texts.columnTestListsF1,
    texts.columnThreshold,
  ];
  const rows = Object.entries(version.classifiers).map(([signal, classifier]) => {
    const heldOut = classifier.training.heldOut;
    const test = version.testSplit?.signals[signal];
    return h('tr', { attributes: { 'data-signal': signal } }, [
      h('th', { text: signalName(texts, signal), attributes: { scope: 'row' } }),
      cell(texts.heldOutSources[heldOut.source]),
      cell(percent(heldOut.precision), 'number'),
      cell(percent(heldOut.recall), 'number'),
      cell(percent(heldOut.f1), 'number strong'),
      cell(heldOut.listsF1 === undefined ? '–' : percent(heldOut.listsF1), 'number muted'),
      cell(test ? percent(test.model.f1) : texts.noTestSplit, 'number strong'),
      cell(test ? percent(test.lists.f1) : '–', 'number muted'),
      cell(classifier.threshold.toFixed(3), 'number muted'),
    ]);
  });
  return h('table', { className: 'signals-figures' }, [
    h('thead', {}, [
      h(
        'tr',
        {},
        header.map((text) => h('th', { text, attributes: { scope: 'col' } })),
      ),
    ]),
    h('tbody', {}, rows),
  ]);
}

/** A version beside the one in use, signal by signal: F1 held out / on the test split, and the lists'. */
export function compareTable(
  candidate: VersionView,
  active: VersionView | undefined,
  format: FigureFormat,
): HTMLTableElement {
  const { texts, percent } = format;
  const signals = [
    ...new Set([...Object.keys(candidate.classifiers), ...Object.keys(active?.classifiers ?? {})]),
  ].sort();
  const pair = (version: VersionView | undefined, signal: string): string => {
    const classifier = version?.classifiers[signal];
    if (!version || !classifier) return '–';
    const test = version.testSplit?.signals[signal];
    return `${percent(classifier.training.heldOut.f1)} / ${test ? percent(test.model.f1) : texts.noTestSplit}`;
  };
  const lists = (signal: string): string => {
    const test = candidate.testSplit?.signals[signal] ?? active?.testSplit?.signals[signal];
    return test ? percent(test.lists.f1) : '–';
  };
  return h('table', { className: 'signals-figures compare' }, [
    h('thead', {}, [
      h('tr', {}, [
        h('th', { text: texts.columnSignal }),
        h('th', { text: texts.compareActive(active?.version ?? null) }),
        h('th', { text: texts.compareCandidate(candidate.version) }),
        h('th', { text: texts.compareLists }),
      ]),
    ]),
    h(
      'tbody',
      {},
      signals.map((signal) =>
        h('tr', { attributes: { 'data-signal': signal } }, [
          h('th', { text: signalName(texts, signal), attributes: { scope: 'row' } }),
          cell(pair(active, signal), 'number'),
          cell(pair(candidate, signal), 'number strong'),
          cell(lists(signal), 'number muted'),
        ]),
      ),
    ),
  ]);
}

/** "Anger 88.0% (75.0%) · Asks for a person 100.0% (96.0%)": a version's test-split F1 in one line. */
export function signalsLine(version: VersionView, format: FigureFormat): string {
  const { texts, percent } = format;
  return Object.keys(version.classifiers)
    .map((signal) => {
      const test = version.testSplit?.signals[signal];
      const figures = test ? `${percent(test.model.f1)} (${percent(test.lists.f1)})` : texts.noTestSplit;
      return `${signalName(texts, signal)} ${figures}`;
    })
    .join(' · ');
}

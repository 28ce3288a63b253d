import { describeError } from '../shared/api-client.js';
import { byId, h, replaceChildren } from '../shared/dom.js';
import type { AnalyticsApi, GapCluster, Query } from './analytics-api.js';
import type { DashboardTexts } from './dashboard-texts.js';
import { emptyRow } from './operator-panel.js';

/** The knowledge admin opens a new entry with these phrasings, one per line (`?question=`). */
export function createEntryLink(cluster: Pick<GapCluster, 'questions'>): string {
  return `/admin?tab=entries&question=${encodeURIComponent(cluster.questions.join('\n'))}`;
}

function signalText(cluster: GapCluster, texts: DashboardTexts, count: Intl.NumberFormat): string {
  const { decline, clarify, low_confidence: lowConfidence } = cluster.signals;
  return [
    decline > 0 ? texts.declined(count.format(decline)) : '',
    clarify > 0 ? texts.askedBack(count.format(clarify)) : '',
    lowConfidence > 0 ? texts.handedOff(count.format(lowConfidence)) : '',
  ]
    .filter(Boolean)
    .join(texts.locale.startsWith('zh') ? '，' : ', ');
}

/** Knowledge gaps with "create entry", and the learning loop's proposals, for content editors and admins. */
export class ContentPanel {
  private readonly count: Intl.NumberFormat;
  private readonly dateFormat: Intl.DateTimeFormat;

  constructor(
    private readonly api: AnalyticsApi,
    private readonly status: (message: string, kind?: 'info' | 'error') => void,
    private readonly texts: DashboardTexts,
  ) {
    this.count = new Intl.NumberFormat(texts.locale);
    this.dateFormat = new Intl.DateTimeFormat(texts.locale, { dateStyle: 'medium', timeStyle: 'short' });
    byId('scan-proposals', HTMLButtonElement).addEventListener('click', () => void this.scan());
  }

  async load(query: Query): Promise<void> {
    await Promise.all([this.loadGaps(query), this.loadProposals()]);
  }

  private async loadGaps(query: Query): Promise<void> {
    const gaps = await this.api.gaps(query);
    const { texts, count } = this;
    byId('gap-summary', HTMLElement).textContent = texts.gapSummary(
      count.format(gaps.data.questions),
      count.format(gaps.data.distinct),
      count.format(gaps.data.clusters.length),
    );
    const rows = gaps.data.clusters.slice(0, 50).map((cluster, index) =>
      h('tr', {}, [
        h('td', { className: 'number', text: count.format(index + 1) }),
        h('td', { text: cluster.label }),
        h('td', { className: 'number', text: count.format(cluster.count) }),
        h('td', { className: 'number', text: count.format(cluster.conversations) }),
        h('td', { className: 'muted', text: signalText(cluster, texts, count) }),
        h('td', {
          className: 'variants',
          text: cluster.examples
            .slice(1)
            .map((example) => `${example.question} (${count.format(example.count)})`)
            .join(' · '),
        }),
        h('td', { className: 'actions' }, [
          h('a', {
            className: 'create-entry',
            text: texts.createEntry,
            attributes: { href: createEntryLink(cluster) },
          }),
        ]),
      ]),
    );
    replaceChildren(byId('gap-rows', HTMLElement), rows.length > 0 ? rows : [emptyRow(7, texts.noGaps)]);
  }

  private async loadProposals(): Promise<void> {
    const { proposals } = await this.api.proposals();
    const rows = proposals.map((proposal) => {
      const approve = h('button', { text: this.texts.approve, attributes: { type: 'button' } });
      const reject = h('button', {
        className: 'secondary',
        text: this.texts.reject,
        attributes: { type: 'button' },
      });
      approve.addEventListener('click', () => void this.decide(proposal.id, 'approve'));
      reject.addEventListener('click', () => void this.decide(proposal.id, 'reject'));
      return h('tr', { attributes: { 'data-proposal': String(proposal.id) } }, [
        h('td', { text: proposal.question }),
        h('td', {}, [
          h('a', {
            text: proposal.entryId,
            attributes: { href: `/admin?entry=${encodeURIComponent(proposal.entryId)}` },
          }),
        ]),
        h('td', { className: 'number', text: this.count.format(proposal.seen) }),
        h('td', { className: 'muted', text: this.dateFormat.format(new Date(proposal.updatedAt)) }),
        h('td', { className: 'actions' }, [approve, reject]),
      ]);
    });
    replaceChildren(
      byId('proposal-rows', HTMLElement),
      rows.length > 0 ? rows : [emptyRow(5, this.texts.nothingToReview)],
    );
  }

  private async decide(id: number, decision: 'approve' | 'reject'): Promise<void> {
    try {
      await this.api.decide(id, decision);
      this.status(decision === 'approve' ? this.texts.approved : this.texts.rejected);
    } catch (error) {
      this.status(describeError(error), 'error');
    }
    await this.loadProposals().catch((error: unknown) => this.status(describeError(error), 'error'));
  }

  private async scan(): Promise<void> {
    try {
      const result = await this.api.scan();
      this.status(this.texts.scanned(this.count.format(result.proposed), this.count.format(result.answers)));
      await this.loadProposals();
    } catch (error) {
      this.status(describeError(error), 'error');
    }
  }
}

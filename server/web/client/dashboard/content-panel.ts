import { describeError } from '../shared/api-client.js';
import { byId, h, replaceChildren } from '../shared/dom.js';
import type { AnalyticsApi, GapCluster, Query } from './analytics-api.js';
import { emptyRow } from './operator-panel.js';

/** The knowledge admin opens a new entry with these phrasings, one per line (`?question=`). */
export function createEntryLink(cluster: Pick<GapCluster, 'questions'>): string {
  return `/admin?tab=entries&question=${encodeURIComponent(cluster.questions.join('\n'))}`;
}

function signalText(cluster: GapCluster): string {
  const { decline, clarify, low_confidence: lowConfidence } = cluster.signals;
  return [
    decline > 0 ? `${decline} declined` : '',
    clarify > 0 ? `${clarify} asked back` : '',
    lowConfidence > 0 ? `${lowConfidence} handed off` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/** Knowledge gaps with "create entry", and the learning loop's proposals, for content editors and admins. */
export class ContentPanel {
  constructor(
    private readonly api: AnalyticsApi,
    private readonly status: (message: string, kind?: 'info' | 'error') => void,
  ) {
    byId('scan-proposals', HTMLButtonElement).addEventListener('click', () => void this.scan());
  }

  async load(query: Query): Promise<void> {
    await Promise.all([this.loadGaps(query), this.loadProposals()]);
  }

  private async loadGaps(query: Query): Promise<void> {
    const gaps = await this.api.gaps(query);
    byId('gap-summary', HTMLElement).textContent =
      `${gaps.data.questions} questions, ${gaps.data.distinct} wordings, ${gaps.data.clusters.length} groups`;
    const rows = gaps.data.clusters.slice(0, 50).map((cluster, index) =>
      h('tr', {}, [
        h('td', { className: 'number', text: String(index + 1) }),
        h('td', { text: cluster.label }),
        h('td', { className: 'number', text: String(cluster.count) }),
        h('td', { className: 'number', text: String(cluster.conversations) }),
        h('td', { className: 'muted', text: signalText(cluster) }),
        h('td', {
          className: 'variants',
          text: cluster.examples
            .slice(1)
            .map((example) => `${example.question} (${example.count})`)
            .join(' · '),
        }),
        h('td', { className: 'actions' }, [
          h('a', {
            className: 'create-entry',
            text: 'Create entry',
            attributes: { href: createEntryLink(cluster) },
          }),
        ]),
      ]),
    );
    replaceChildren(
      byId('gap-rows', HTMLElement),
      rows.length > 0 ? rows : [emptyRow(7, 'No unanswered questions in this range.')],
    );
  }

  private async loadProposals(): Promise<void> {
    const { proposals } = await this.api.proposals();
    const rows = proposals.map((proposal) => {
      const approve = h('button', { text: 'Approve', attributes: { type: 'button' } });
      const reject = h('button', { className: 'secondary', text: 'Reject', attributes: { type: 'button' } });
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
        h('td', { className: 'number', text: String(proposal.seen) }),
        h('td', { className: 'muted', text: new Date(proposal.updatedAt).toLocaleString() }),
        h('td', { className: 'actions' }, [approve, reject]),
      ]);
    });
    replaceChildren(
      byId('proposal-rows', HTMLElement),
      rows.length > 0 ? rows : [emptyRow(5, 'Nothing to review.')],
    );
  }

  private async decide(id: number, decision: 'approve' | 'reject'): Promise<void> {
    try {
      await this.api.decide(id, decision);
      this.status(decision === 'approve' ? 'Phrasing added to the entry.' : 'Proposal rejected.');
    } catch (error) {
      this.status(describeError(error), 'error');
    }
    await this.loadProposals().catch((error: unknown) => this.status(describeError(error), 'error'));
  }

  private async scan(): Promise<void> {
    try {
      const result = await this.api.scan();
      this.status(`${result.proposed} new proposals from ${result.answers} knowledge answers.`);
      await this.loadProposals();
    } catch (error) {
      this.status(describeError(error), 'error');
    }
  }
}

import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { EvalReport } from './eval-report.js';
import { HTML_REPORT_SCRIPT } from './html-report-script.js';
import { renderHtmlReport } from './render-html-report.js';

const HOSTILE = '</script><script>alert("pwned")</script><img src=x onerror=alert(1)>';

function sampleReport(): EvalReport {
  const scope = {
    inScope: {
      count: 2,
      top1Accuracy: 0.5,
      top3Accuracy: 1,
      mrr: 0.75,
      answeredCorrectly: 0.5,
      answeredWrongly: 0.5,
    },
    outOfScope: { count: 1, answeredRate: 1, precision: null, recall: 0 },
  };
  return {
    kind: 'livedesk-eval',
    timestamp: '2026-01-01T00:00:00.000Z',
    kbPath: `kb-${HOSTILE}.jsonl`,
    casesPath: 'cases.jsonl',
    devPath: null,
    synonymsPath: null,
    configPath: null,
    embedder: 'builtin-hashed-2048',
    vectorIndex: 'exact',
    cases: 3,
    thresholds: {
      answerMinConfidence: 0.5,
      clarifyMinConfidence: 0.3,
      clarifyMinRatio: 0.95,
      minFusedScore: 0.06,
      byLocale: {},
      source: 'default',
    },
    tuning: null,
    ...scope,
    escalation: null,
    notes: ['escalation is not measured yet'],
    byLocale: { en: { cases: 1, ...scope }, zh: { cases: 2, ...scope } },
    latencyMs: { p50: 1, p95: 2, p99: 3 },
    curve: [0.3, 0.5, 0.7].map((answerMinConfidence) => ({
      answerMinConfidence,
      answeredCorrectly: 1 - answerMinConfidence,
      answeredWrongly: 0.2,
      outOfScopeAnsweredRate: null,
      objective: 0.1,
    })),
    worstMisses: [
      {
        kind: 'answered-out-of-scope',
        text: HOSTILE,
        expected: null,
        locale: 'en',
        action: 'answer',
        answeredId: 'refund',
        confidence: 0.9,
        rank: null,
        reason: 'confidence 0.90 reaches 0.5',
        candidates: [
          {
            entryId: 'refund',
            confidence: 0.9,
            fused: 0.4,
            prototype: 0.5,
            nearestPhrasing: 0.4,
            lexical: 0.1,
            nearestPhrasingText: `<b>${HOSTILE}</b>`,
            sharedTerms: ['<script>'],
          },
        ],
      },
    ],
  };
}

/** Just enough DOM for the report script: elements that record their attributes and children. */
class FakeElement {
  readonly attributes = new Map<string, string>();
  readonly children: FakeElement[] = [];
  textContent = '';
  constructor(readonly name: string) {}
  setAttribute(key: string, value: string): void {
    this.attributes.set(key, value);
  }
  appendChild(child: FakeElement): FakeElement {
    this.children.push(child);
    return child;
  }
  descendants(name: string): FakeElement[] {
    return this.children.flatMap((child) => [
      ...(child.name === name ? [child] : []),
      ...child.descendants(name),
    ]);
  }
}

describe('renderHtmlReport', () => {
  const html = renderHtmlReport(sampleReport());

  it('is one self-contained file: no external script, style, image or font', () => {
    expect(html).not.toMatch(/<[a-z][^>]*\s(src|href)=|<link|@import|url\(/i);
    expect(html).toContain('default-src &#39;none&#39;');
    expect(html.match(/<script/g)).toHaveLength(2);
  });

  it('escapes viewer text everywhere it appears', () => {
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;');
  });

  it('embeds the report as JSON that reads back unchanged', () => {
    const data = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html)?.[1];

    expect(JSON.parse(data ?? '')).toEqual(sampleReport());
  });

  it('draws the threshold curve and the per-language bars from the embedded data', () => {
    const data = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html)?.[1] ?? '';
    const containers = { 'curve-chart': new FakeElement('div'), 'locale-chart': new FakeElement('div') };
    const document = {
      getElementById: (id: string) =>
        id === 'report-data' ? { textContent: data } : containers[id as keyof typeof containers],
      createElementNS: (_namespace: string, name: string) => new FakeElement(name),
    };

    runInNewContext(HTML_REPORT_SCRIPT, { document });

    // Two lines have values (the out-of-scope rate is unknown in this report), plus the legend and axes.
    expect(containers['curve-chart'].descendants('path')).toHaveLength(2);
    const bars = containers['locale-chart']
      .descendants('rect')
      .filter((rect) => rect.attributes.get('width') === '18');
    expect(bars).toHaveLength(2 * 4);
  });
});

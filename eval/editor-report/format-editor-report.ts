import type { EditorReport, SuiteCounts } from '../../knowledge/editor-report/index.js';
import { formatPercent } from '../format-numbers.js';
import { formatTable } from '../format-table.js';
import { reportNoteText } from './report-note-text.js';

const ROWS_SHOWN = 20;

const signed = (value: number) => (value > 0 ? `+${value}` : value < 0 ? `−${-value}` : '0');

function changeCells(change: SuiteCounts | undefined): string[] {
  return change
    ? [signed(change.answeredRight), signed(change.answeredWrong), signed(change.outOfScopeAnswered)]
    : ['—', '—', '—'];
}

function more(total: number): string[] {
  return total > ROWS_SHOWN ? [`... and ${total - ROWS_SHOWN} more (--json has them all)`] : [];
}

/** The report as plain-text tables, most useful first. */
export function formatEditorReport(report: EditorReport): string {
  const lines: string[] = [];
  const loo = report.leaveOneOut;
  lines.push(
    `Knowledge base report: ${report.entries} entries, ${report.phrasings.tested} of ${report.phrasings.total} phrasings tested, ${report.tookMs} ms`,
    '',
    'Leave-one-out (each phrasing asked with it taken out of its entry)',
    formatTable([
      ['right', 'clarified', 'wrong entry', 'none', 'accuracy'],
      [
        String(loo.right),
        String(loo.clarified),
        String(loo.wrong),
        String(loo.none),
        formatPercent(loo.accuracy),
      ],
    ]),
    '',
  );
  lines.push(`Confused entries (${report.confusedPairs.length})`);
  if (report.confusedPairs.length === 0) lines.push('  none');
  else
    lines.push(
      formatTable([
        ['entry', 'went to', 'wrong', 'clarified', 'example'],
        ...report.confusedPairs
          .slice(0, ROWS_SHOWN)
          .map((pair) => [
            pair.entryId,
            pair.confusedWith,
            String(pair.wrong),
            String(pair.clarified),
            pair.phrasings[0]?.text ?? '',
          ]),
      ]),
      ...more(report.confusedPairs.length),
    );
  lines.push('', `Entries their own phrasings miss (${report.entryAccuracy.length})`);
  if (report.entryAccuracy.length === 0) lines.push('  none');
  else
    lines.push(
      formatTable([
        ['entry', 'tested', 'right', 'clarified', 'wrong', 'none', 'accuracy'],
        ...report.entryAccuracy
          .slice(0, ROWS_SHOWN)
          .map((row) => [
            row.entryId,
            String(row.tested),
            String(row.right),
            String(row.clarified),
            String(row.wrong),
            String(row.none),
            formatPercent(row.accuracy),
          ]),
      ]),
      ...more(report.entryAccuracy.length),
    );
  lines.push('', `Weak entries (${report.weakEntries.length})`);
  if (report.weakEntries.length === 0) lines.push('  none');
  else
    lines.push(
      formatTable([
        ['entry', 'issue'],
        ...report.weakEntries
          .slice(0, ROWS_SHOWN)
          .map((weak) => [
            weak.entryId,
            weak.issues
              .map((issue) =>
                issue.kind === 'few-phrasings'
                  ? `${issue.phrasings} phrasing(s) in ${issue.locale}`
                  : `only ${issue.locale}: add a ${issue.missing.join('/')} translation`,
              )
              .join('; '),
          ]),
      ]),
      ...more(report.weakEntries.length),
    );
  const suite = report.suite;
  lines.push(
    '',
    suite
      ? `Suggested phrasings (${report.suggestions.length}); change on ${suite.label}: ${suite.inScope} in scope, ${suite.outOfScope} out of scope, now right ${suite.now.answeredRight}, wrong ${suite.now.answeredWrong}, out of scope answered ${suite.now.outOfScopeAnswered}`
      : `Suggested phrasings (${report.suggestions.length})`,
  );
  if (report.suggestions.length === 0) lines.push('  none');
  else
    lines.push(
      formatTable([
        ['entry', 'lang', 'from', 'right', 'wrong', 'oos answered', 'phrasing'],
        ...report.suggestions
          .slice(0, ROWS_SHOWN)
          .map((suggestion) => [
            suggestion.entryId,
            suggestion.locale,
            suggestion.source === 'gap' ? `asked ${suggestion.asked ?? 0}×` : 'variant',
            ...changeCells(suggestion.delta?.change),
            suggestion.phrasing,
          ]),
      ]),
      ...more(report.suggestions.length),
    );
  if (report.notes.length > 0) lines.push('', ...report.notes.map((note) => `note: ${reportNoteText(note)}`));
  return lines.join('\n');
}

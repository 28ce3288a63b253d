import type { ReportNote } from '../../knowledge/editor-report/index.js';

/** A report caveat in English, for the CLI. */
export function reportNoteText(note: ReportNote): string {
  switch (note.kind) {
    case 'sampled':
      return `leave-one-out tested ${note.tested} of ${note.total} phrasings, spread evenly (at most ${note.maxTested}: --max-phrasings)`;
    case 'no-suite':
      return 'no eval suite (--cases): suggestions are listed without the change they would make';
    case 'suite-unrelated':
      return `${note.suite} names none of these entries: suggestions are listed without a change`;
    case 'same-reading':
      return `${note.rewrites} synonym rewrite(s) left out: the matcher already reads them as the phrasing they came from`;
    case 'unevaluated':
      return `the first ${note.evaluated} of ${note.listed} suggestions were run against the suite (--evaluate); the rest show no change`;
  }
}

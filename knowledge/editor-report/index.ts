export * from './editor-report.js';
export {
  buildEditorReport,
  suggestionId,
  DEFAULT_EVALUATED_SUGGESTIONS,
  DEFAULT_MAX_TESTED_PHRASINGS,
} from './build-editor-report.js';
export type { EditorReportInput } from './build-editor-report.js';
export { hasPhrasing, phrasingKey, withPhrasing, withoutPhrasing, viewLocaleFor } from './entry-phrasings.js';
export type { GapQuestion } from './gap-suggestions.js';
export type { ReportMatcher } from './report-matcher.js';
export type { SuiteCase } from './suite-counts.js';

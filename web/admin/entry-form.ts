import type { FieldIssue } from '../shared/api-client.js';
import { byId, h, replaceChildren } from '../shared/dom.js';
import type { Entry } from '../shared/knowledge-api.js';
import type { AdminTexts } from './admin-texts.js';

/** The entry as the editor filled it in; the server validates it against knowledge/entry.ts. */
export interface EntryDraft {
  id: string;
  locale: string;
  questions: string[];
  answer: string;
  tags: string[];
  enabled: boolean;
  translations: Record<string, { questions: string[]; answer: string }>;
  scope?: unknown;
}

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** The entry editor's fields: questions per locale, answer, tags, enabled; errors shown beside them. */
export class EntryForm {
  readonly form = byId('entry-form', HTMLFormElement);
  private readonly id = byId('entry-id', HTMLInputElement);
  private readonly locale = byId('entry-locale', HTMLInputElement);
  private readonly enabled = byId('entry-enabled', HTMLInputElement);
  private readonly questions = byId('entry-questions', HTMLTextAreaElement);
  private readonly answer = byId('entry-answer', HTMLTextAreaElement);
  private readonly tags = byId('entry-tags', HTMLInputElement);
  private readonly translations = byId('translations', HTMLElement);
  private readonly errors = byId('entry-errors', HTMLUListElement);
  private scope: unknown;

  constructor(private readonly texts: AdminTexts) {
    byId('add-translation', HTMLButtonElement).addEventListener('click', () => {
      const primary = this.locale.value.trim();
      this.addTranslation(primary === 'en' ? 'zh' : 'en', { questions: [], answer: '' })
        .querySelector('input')
        ?.focus();
    });
  }

  /** Fills the form; `undefined` starts a new entry. */
  fill(entry: Entry | undefined): void {
    this.id.value = entry?.id ?? '';
    this.id.readOnly = entry !== undefined;
    this.locale.value = entry?.locale ?? 'zh';
    this.enabled.checked = entry?.enabled ?? true;
    this.questions.value = (entry?.questions ?? []).join('\n');
    this.answer.value = entry?.answer ?? '';
    this.tags.value = (entry?.tags ?? []).join(', ');
    this.scope = entry?.scope;
    this.translations.replaceChildren();
    for (const [locale, content] of Object.entries(entry?.translations ?? {}))
      this.addTranslation(locale, content);
    this.showErrors([]);
  }

  read(): EntryDraft {
    const translations: EntryDraft['translations'] = {};
    for (const block of this.translations.querySelectorAll<HTMLElement>('.translation')) {
      const locale = block.querySelector<HTMLInputElement>('.translation-locale')?.value.trim() ?? '';
      const questions = lines(
        block.querySelector<HTMLTextAreaElement>('.translation-questions')?.value ?? '',
      );
      const answer = block.querySelector<HTMLTextAreaElement>('.translation-answer')?.value.trim() ?? '';
      if (locale === '' && questions.length === 0 && answer === '') continue;
      translations[locale] = { questions, answer };
    }
    return {
      id: this.id.value.trim(),
      locale: this.locale.value.trim(),
      questions: lines(this.questions.value),
      answer: this.answer.value.trim(),
      tags: this.tags.value
        .split(/[,，]/)
        .map((tag) => tag.trim())
        .filter((tag) => tag !== ''),
      enabled: this.enabled.checked,
      translations,
      ...(this.scope === undefined ? {} : { scope: this.scope }),
    };
  }

  /** Lists the problems and marks the fields they name (`questions`, `translations.en.answer`…). */
  showErrors(issues: readonly FieldIssue[]): void {
    for (const field of this.form.querySelectorAll('.invalid')) field.classList.remove('invalid');
    replaceChildren(
      this.errors,
      issues.map((issue) =>
        h('li', { text: issue.path ? `${issue.path}: ${issue.message}` : issue.message }),
      ),
    );
    for (const issue of issues) this.fieldFor(issue.path)?.classList.add('invalid');
  }

  private fieldFor(path: string): HTMLElement | undefined {
    const [head, locale, part] = path.split('.');
    if (head === 'translations' && locale) {
      const block = [...this.translations.querySelectorAll<HTMLElement>('.translation')].find(
        (candidate) =>
          candidate.querySelector<HTMLInputElement>('.translation-locale')?.value.trim() === locale,
      );
      return (
        block?.querySelector<HTMLElement>(
          part === 'answer' ? '.translation-answer' : '.translation-questions',
        ) ?? block
      );
    }
    const fields: Record<string, HTMLElement> = {
      id: this.id,
      locale: this.locale,
      questions: this.questions,
      answer: this.answer,
      tags: this.tags,
    };
    return head === undefined ? undefined : fields[head];
  }

  private addTranslation(
    locale: string,
    content: { questions: readonly string[]; answer: string },
  ): HTMLElement {
    const localeInput = h('input', {
      className: 'translation-locale',
      attributes: { size: '6', 'aria-label': this.texts.localeLabel },
    });
    localeInput.value = locale;
    const questions = h('textarea', { className: 'translation-questions', attributes: { rows: '3' } });
    questions.value = content.questions.join('\n');
    const answer = h('textarea', { className: 'translation-answer', attributes: { rows: '3' } });
    answer.value = content.answer;
    const remove = h('button', {
      className: 'link',
      text: this.texts.removeLanguage,
      attributes: { type: 'button' },
    });
    const block = h('fieldset', { className: 'translation' }, [
      h('legend', {}, [h('span', { text: `${this.texts.language} ` }), localeInput, ' ', remove]),
      h('label', {}, [this.texts.fieldQuestions, questions]),
      h('label', {}, [this.texts.fieldAnswer, answer]),
    ]);
    block.dataset.locale = locale;
    localeInput.addEventListener('input', () => (block.dataset.locale = localeInput.value.trim()));
    remove.addEventListener('click', () => block.remove());
    this.translations.append(block);
    return block;
  }
}

import { byId } from '../shared/dom.js';
import { applyPageTexts, chooseUiLanguage, renderLanguageSwitch } from '../shared/ui-language.js';
import { indexTexts } from './index-texts.js';

/** The start page: links to every page, in the language the user chose (remembered for all pages). */
function startIndexPage(): void {
  const language = chooseUiLanguage();
  const texts = indexTexts(language);
  document.title = texts.pageTitle;
  applyPageTexts(texts);
  renderLanguageSwitch(byId('language-switch', HTMLElement), language);
}

startIndexPage();

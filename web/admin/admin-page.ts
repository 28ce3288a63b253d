import type { StaffRole } from '../../server/auth/principal.js';
import { createApiClient } from '../shared/api-client.js';
import { byId, show } from '../shared/dom.js';
import {
  clearStaffSession,
  loadStaffSession,
  wireLoginForm,
  type StaffSession,
} from '../shared/staff-session.js';
import { applyPageTexts, chooseUiLanguage, renderLanguageSwitch } from '../shared/ui-language.js';
import { adminTexts } from './admin-texts.js';
import { AuditPanel } from './audit-panel.js';
import { DomainPacksPanel } from './domain-packs-panel.js';
import { domainPacksTexts } from './domain-packs-texts.js';
import { EntriesPanel } from './entries-panel.js';
import { EvalPanel } from './eval-panel.js';
import { ImportPanel } from './import-panel.js';
import { QualityReportPanel } from './quality-report-panel.js';
import { qualityReportTexts } from './quality-report-texts.js';
import { PlatformKeysPanel } from './platform-keys-panel.js';
import { platformKeysTexts } from './platform-keys-texts.js';
import { SignalsPanel } from './signals-panel.js';
import { signalsTexts } from './signals-texts.js';
import { SynonymsPanel } from './synonyms-panel.js';
import { WebhooksPanel } from './webhooks-panel.js';
import { PrivacyPanel } from './privacy-panel.js';
import { privacyAdminTexts } from './privacy-texts.js';
import { webhooksTexts } from './webhooks-texts.js';
import { ToolsPanel } from './tools-panel.js';

const SESSION_KEY = 'livedesk.admin.session';
const ADMIN_ROLES: readonly StaffRole[] = ['editor', 'admin'];
const TABS = [
  'entries',
  'synonyms',
  'packs',
  'import',
  'eval',
  'quality',
  'signals',
  'audit',
  'webhooks',
  'platform',
  'tools',
  'privacy',
] as const;
/** Tabs for admins only; editors do not see them (the API refuses them anyway). */
const ADMIN_ONLY_TABS: readonly Tab[] = ['audit', 'webhooks', 'platform', 'tools', 'privacy'];
type Tab = (typeof TABS)[number];

/** The knowledge admin: entries, synonyms, import and export, versions, evaluation, the signals' models. */
class AdminPage {
  private session: StaffSession | undefined;
  private readonly language = chooseUiLanguage();
  private readonly texts = adminTexts(this.language);
  private readonly api = createApiClient({
    token: () => this.session?.token,
    onUnauthorized: () => this.logOut(this.texts.sessionEnded),
  });
  private readonly status = (message: string, kind: 'info' | 'error' = 'info'): void => {
    const line = byId('status-line', HTMLElement);
    line.textContent = message;
    line.dataset.kind = kind;
    window.clearTimeout(this.statusTimer);
    this.statusTimer = window.setTimeout(() => (line.textContent = ''), kind === 'error' ? 12_000 : 5000);
  };
  private statusTimer: number | undefined;
  private readonly entries = new EntriesPanel({ api: this.api, status: this.status, texts: this.texts });
  private readonly synonyms = new SynonymsPanel({ api: this.api, status: this.status, texts: this.texts });
  private readonly audit = new AuditPanel({ api: this.api, status: this.status, texts: this.texts });
  private readonly packs = new DomainPacksPanel({
    api: this.api,
    status: this.status,
    texts: domainPacksTexts(this.language),
    language: this.language,
    locale: this.texts.locale,
  });
  private readonly quality = new QualityReportPanel({
    api: this.api,
    texts: qualityReportTexts(this.language),
    locale: this.texts.locale,
    onEntryChanged: () => void this.entries.load(),
  });
  private readonly webhooks = new WebhooksPanel({
    api: this.api,
    status: this.status,
    texts: webhooksTexts(this.language),
    locale: this.texts.locale,
  });
  private readonly platformKeys = new PlatformKeysPanel({
    api: this.api,
    status: this.status,
    texts: platformKeysTexts(this.language),
    locale: this.texts.locale,
  });
  private readonly tools = new ToolsPanel({
    api: this.api,
    status: this.status,
    language: this.language,
    root: byId('tab-tools', HTMLElement),
  });
  private readonly privacy = new PrivacyPanel({
    api: this.api,
    texts: privacyAdminTexts(this.language),
    locale: this.texts.locale,
    root: byId('tab-privacy', HTMLElement),
  });
  private readonly signals = new SignalsPanel({
    api: this.api,
    token: () => this.session?.token,
    texts: signalsTexts(this.language),
    locale: this.texts.locale,
  });

  start(): void {
    document.title = this.texts.pageTitle;
    applyPageTexts(this.texts);
    renderLanguageSwitch(byId('login-language', HTMLElement), this.language);
    renderLanguageSwitch(byId('topbar-language', HTMLElement), this.language);
    new ImportPanel({
      api: this.api,
      token: () => this.session?.token,
      onImported: () => void this.entries.load(),
      texts: this.texts,
    });
    new EvalPanel({ api: this.api, token: () => this.session?.token, texts: this.texts });
    wireLoginForm({
      api: this.api,
      storageKey: SESSION_KEY,
      roles: ADMIN_ROLES,
      onSession: (session) => this.enter(session),
      texts: {
        wrongPassword: this.texts.wrongPassword,
        wrongRole: (role) => this.texts.wrongRole(this.texts.roles[role]),
      },
    });
    byId('logout', HTMLButtonElement).addEventListener('click', () => this.logOut());
    for (const button of document.querySelectorAll<HTMLButtonElement>('.tab')) {
      button.addEventListener('click', () => this.showTab(button.dataset.tab as Tab));
    }
    const session = loadStaffSession(SESSION_KEY);
    if (session && ADMIN_ROLES.includes(session.user.role)) this.enter(session);
    else show(byId('login-form', HTMLFormElement), true);
  }

  private enter(session: StaffSession): void {
    this.session = session;
    byId('user-name', HTMLElement).textContent = this.texts.userLine(
      session.user.name,
      this.texts.roles[session.user.role],
    );
    show(byId('login-form', HTMLFormElement), false);
    show(byId('admin', HTMLElement), true);
    // The audit log is for admins; editors do not see the tab (the API refuses them anyway).
    const isAdmin = session.user.role === 'admin';
    const auditTab = document.querySelector<HTMLElement>('.tab[data-tab="audit"]');
    if (auditTab) show(auditTab, isAdmin);
    const webhooksTab = document.querySelector<HTMLElement>('.tab[data-tab="webhooks"]');
    if (webhooksTab) show(webhooksTab, isAdmin);
    const platformTab = document.querySelector<HTMLElement>('.tab[data-tab="platform"]');
    if (platformTab) show(platformTab, isAdmin);
    const toolsTab = document.querySelector<HTMLElement>('.tab[data-tab="tools"]');
    if (toolsTab) show(toolsTab, isAdmin);
    const privacyTab = document.querySelector<HTMLElement>('.tab[data-tab="privacy"]');
    if (privacyTab) show(privacyTab, isAdmin);
    const parameters = new URLSearchParams(location.search);
    const tab = parameters.get('tab');
    const allowed = TABS.includes(tab as Tab) && (!ADMIN_ONLY_TABS.includes(tab as Tab) || isAdmin);
    this.showTab(allowed ? (tab as Tab) : 'entries');
    void this.entries.open(parameters);
  }

  private showTab(tab: Tab): void {
    for (const name of TABS) {
      show(byId(`tab-${name}`, HTMLElement), name === tab);
      document.querySelector(`.tab[data-tab="${name}"]`)?.classList.toggle('active', name === tab);
    }
    if (tab === 'synonyms') void this.synonyms.load();
    if (tab === 'packs') void this.packs.load();
    if (tab === 'quality') void this.quality.load();
    if (tab === 'signals') void this.signals.load();
    if (tab === 'audit') void this.audit.load();
    if (tab === 'webhooks') void this.webhooks.load();
    if (tab === 'platform') void this.platformKeys.load();
    if (tab === 'tools') void this.tools.load();
    if (tab === 'privacy') void this.privacy.load();
  }

  private logOut(message?: string): void {
    clearStaffSession(SESSION_KEY);
    this.session = undefined;
    show(byId('admin', HTMLElement), false);
    show(byId('login-form', HTMLFormElement), true);
    byId('login-error', HTMLElement).textContent = message ?? '';
  }
}

new AdminPage().start();

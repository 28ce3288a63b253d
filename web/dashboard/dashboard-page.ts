import type { StaffRole } from '../../server/auth/principal.js';
import { createApiClient, describeError } from '../shared/api-client.js';
import { byId, formText, h, replaceChildren, show } from '../shared/dom.js';
import {
  clearStaffSession,
  loadStaffSession,
  wireLoginForm,
  type StaffSession,
} from '../shared/staff-session.js';
import { applyPageTexts, chooseUiLanguage, renderLanguageSwitch } from '../shared/ui-language.js';
import { createAnalyticsApi, type Query } from './analytics-api.js';
import { ContentPanel } from './content-panel.js';
import { dashboardPageWords, dashboardTexts } from './dashboard-texts.js';
import { OperatorPanel } from './operator-panel.js';
import { RoomAlertsPanel } from './room-alerts-panel.js';

const SESSION_KEY = 'livedesk.dashboard.session';
const DASHBOARD_ROLES: readonly StaffRole[] = ['supervisor', 'editor', 'admin'];
const HOUR_MS = 3_600_000;
const TIME_ZONES = [
  'UTC',
  'Asia/Shanghai',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Europe/London',
  'America/New_York',
  'America/Los_Angeles',
];

/** Queue buckets that give a readable line: hours for a day, quarter days for a week, days beyond. */
function bucketFor(spanMs: number): number {
  if (spanMs <= 2 * 24 * HOUR_MS) return HOUR_MS;
  if (spanMs <= 14 * 24 * HOUR_MS) return 6 * HOUR_MS;
  return 24 * HOUR_MS;
}

/** The analytics dashboard: what supervisors and content editors each need, by role. */
class DashboardPage {
  private session: StaffSession | undefined;
  private readonly language = chooseUiLanguage();
  private readonly texts = dashboardTexts(this.language);
  private readonly api = createApiClient({
    token: () => this.session?.token,
    onUnauthorized: () => this.logOut(this.texts.sessionEnded),
  });
  private readonly analytics = createAnalyticsApi(this.api, () => this.session?.token);
  private readonly operator = new OperatorPanel(this.analytics, this.texts);
  private readonly roomAlerts = new RoomAlertsPanel(this.api, this.language);
  private readonly content = new ContentPanel(
    this.analytics,
    (message, kind) => this.status(message, kind),
    this.texts,
  );
  private statusTimer: number | undefined;
  private query: Query = {};

  start(): void {
    document.title = this.texts.pageTitle;
    applyPageTexts(dashboardPageWords(this.texts));
    renderLanguageSwitch(byId('login-language', HTMLElement), this.language);
    renderLanguageSwitch(byId('topbar-language', HTMLElement), this.language);
    const zones = byId('filter-time-zone', HTMLSelectElement);
    const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
    replaceChildren(
      zones,
      [...new Set([local, ...TIME_ZONES])].map((zone) =>
        h('option', { text: zone, attributes: { value: zone } }),
      ),
    );
    zones.value = local;
    const range = byId('filter-range', HTMLSelectElement);
    range.addEventListener('change', () => {
      show(byId('custom-from', HTMLElement), range.value === 'custom');
      show(byId('custom-to', HTMLElement), range.value === 'custom');
    });
    byId('filters', HTMLFormElement).addEventListener('submit', (event) => {
      event.preventDefault();
      void this.load();
    });
    for (const button of document.querySelectorAll<HTMLButtonElement>('button.csv')) {
      button.addEventListener('click', () => {
        const metric = button.dataset.metric ?? '';
        this.analytics
          .downloadCsv(metric, this.query, button.dataset.table)
          .catch((error: unknown) => this.status(describeError(error), 'error'));
      });
    }
    wireLoginForm({
      api: this.api,
      storageKey: SESSION_KEY,
      roles: DASHBOARD_ROLES,
      onSession: (session) => this.enter(session),
      texts: {
        wrongPassword: this.texts.wrongPassword,
        wrongRole: (role) => this.texts.wrongRole(this.texts.roles[role]),
      },
    });
    byId('logout', HTMLButtonElement).addEventListener('click', () => this.logOut());
    const session = loadStaffSession(SESSION_KEY);
    if (session && DASHBOARD_ROLES.includes(session.user.role)) this.enter(session);
    else show(byId('login-form', HTMLFormElement), true);
  }

  private enter(session: StaffSession): void {
    this.session = session;
    byId('user-name', HTMLElement).textContent = this.texts.userLine(
      session.user.name,
      this.texts.roles[session.user.role],
    );
    show(byId('login-form', HTMLFormElement), false);
    show(byId('dashboard', HTMLElement), true);
    show(byId('operator-panel', HTMLElement), this.sees('operator'));
    show(byId('content-panel', HTMLElement), this.sees('content'));
    void this.load();
  }

  private sees(panel: 'operator' | 'content'): boolean {
    const role = this.session?.user.role;
    return role === 'admin' || (panel === 'operator' ? role === 'supervisor' : role === 'editor');
  }

  /** The filters as the API's query string; undefined (with a message) when the custom range is incomplete. */
  private readQuery(): { query: Query; bucketMs: number } | undefined {
    const data = new FormData(byId('filters', HTMLFormElement));
    const range = formText(data, 'range');
    let from: Date;
    let to: Date;
    if (range === 'custom') {
      from = new Date(formText(data, 'from'));
      to = new Date(formText(data, 'to'));
      if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to) {
        this.status(this.texts.badRange, 'error');
        return undefined;
      }
    } else {
      to = new Date();
      from = new Date(to.getTime() - Number(range) * 24 * HOUR_MS);
    }
    const query: Query = {
      from: from.toISOString(),
      to: to.toISOString(),
      timeZone: formText(data, 'timeZone'),
    };
    const room = formText(data, 'room').trim();
    const team = formText(data, 'team').trim();
    if (room) query.room = room;
    if (team) query.team = team;
    return { query, bucketMs: bucketFor(to.getTime() - from.getTime()) };
  }

  private async load(): Promise<void> {
    const read = this.readQuery();
    if (!read) return;
    this.query = read.query;
    this.status(this.texts.loading);
    try {
      const work: Promise<unknown>[] = [];
      if (this.sees('operator')) {
        work.push(this.operator.load(read.query, read.bucketMs));
        work.push(this.roomAlerts.load(read.query));
      }
      if (this.sees('content')) work.push(this.content.load(read.query));
      await Promise.all(work);
      this.status(this.texts.updated(new Date().toLocaleTimeString(this.texts.locale)));
    } catch (error) {
      this.status(describeError(error), 'error');
    }
  }

  private status(message: string, kind: 'info' | 'error' = 'info'): void {
    const line = byId('status-line', HTMLElement);
    line.textContent = message;
    line.dataset.kind = kind;
    window.clearTimeout(this.statusTimer);
    if (kind === 'error' || message !== this.texts.loading)
      this.statusTimer = window.setTimeout(() => (line.textContent = ''), kind === 'error' ? 12_000 : 5000);
  }

  private logOut(message?: string): void {
    clearStaffSession(SESSION_KEY);
    this.session = undefined;
    show(byId('dashboard', HTMLElement), false);
    show(byId('login-form', HTMLFormElement), true);
    byId('login-error', HTMLElement).textContent = message ?? '';
  }
}

new DashboardPage().start();

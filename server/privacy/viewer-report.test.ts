import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteConversationPrivacyStore } from '../../adapters/sqlite/conversation-privacy-store.js';
import { createSqliteConversationQueries } from '../../adapters/sqlite/conversation-queries.js';
import { createSqliteDatabase } from '../../adapters/sqlite/create-sqlite-database.js';
import type { WebhookEvent } from '../webhooks/webhook-event.js';
import { createDeskContent } from '../desk/desk-content.js';
import { sqliteDeskContentStores, sqliteEventLog } from '../storage/sqlite-stores.js';
import type { ConversationPrivacyStore } from './conversation-privacy-store.js';
import { createViewerReports, VIEWER_REPORT_TAG, type ReporterFacts } from './viewer-report.js';

const AT = '2026-12-07T10:00:00.000Z';
const reporter: ReporterFacts = { viewerId: 'viewer-1', roomId: 'room-1on1', tier: 'regular' };
const report = {
  conversationId: 'c1',
  reportedUserId: 'u-42',
  reason: 'harassment' as const,
  note: '',
  block: true,
};

/**
 * Viewer reports over real SQLite stores, each "node" on its own connection to one file: two filings of
 * the same report at once make one ticket and one block wish, and a filing stopped half-way is finished by
 * the repeat.
 */
describe('filing a viewer report', () => {
  let folder: string;
  let file: string;
  const databases: Database[] = [];

  /** One node: its own connection, its own report service; what it emitted, and its privacy store. */
  const node = async (privacyOf?: (store: ConversationPrivacyStore) => ConversationPrivacyStore) => {
    const database = createSqliteDatabase(file);
    databases.push(database);
    const desk = await createDeskContent({
      stores: sqliteDeskContentStores(database),
      seedDemo: false,
      clock: () => new Date(AT),
    });
    const privacy = createSqliteConversationPrivacyStore({ database });
    const emitted: WebhookEvent[] = [];
    const reports = createViewerReports({
      queries: createSqliteConversationQueries({ database }),
      tickets: desk.tickets,
      privacy: privacyOf ? privacyOf(privacy) : privacy,
      webhooks: { emit: (event) => emitted.push(event) },
      clock: () => new Date(AT),
    });
    return { reports, emitted, privacy, tickets: desk.tickets };
  };

  const reportTickets = async (tickets: Awaited<ReturnType<typeof node>>['tickets']) =>
    (await tickets.list({ limit: 100, offset: 0 })).tickets.filter((ticket) =>
      ticket.tags.includes(VIEWER_REPORT_TAG),
    );

  beforeEach(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'livedesk-viewer-report-'));
    file = path.join(folder, 'livedesk.sqlite');
    const database = createSqliteDatabase(file);
    databases.push(database);
    const log = sqliteEventLog(database);
    await log.append('c1', AT, {
      type: 'conversation-opened',
      profile: { viewerId: 'viewer-1', tier: 'regular', locale: 'zh' },
      liveContext: { roomId: 'room-1on1' },
      at: AT,
    });
    await log.append('c1', AT, { type: 'viewer-message', text: '对方一直骚扰我', channel: 'text', at: AT });
  });
  afterEach(() => {
    for (const database of databases.splice(0)) database.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('makes one ticket and one block wish when two nodes file the same report at once', async () => {
    const [first, second] = [await node(), await node()];
    const [one, two] = await Promise.all([
      first.reports.report(reporter, report),
      second.reports.report(reporter, report),
    ]);
    expect(one.ok && two.ok).toBe(true);
    expect(two).toEqual(one);
    const tickets = await reportTickets(first.tickets);
    expect(tickets.map((ticket) => ticket.id)).toEqual([one.ok ? one.ticketId : '']);
    expect([...first.emitted, ...second.emitted]).toHaveLength(1);
    expect((await first.privacy.filedReport({ ...report, reporterViewerId: 'viewer-1' }))?.completed).toBe(
      true,
    );
    expect(await first.privacy.sensitive('c1')).toBeDefined();
  });

  it('finishes a filing whose sensitive mark failed when the report is sent again', async () => {
    let failures = 1;
    const flaky = await node((store) => ({
      ...store,
      markSensitive: (mark) => {
        if (failures > 0) {
          failures -= 1;
          return Promise.reject(new Error('database busy'));
        }
        return store.markSensitive(mark);
      },
    }));
    await expect(flaky.reports.report(reporter, report)).rejects.toThrow('database busy');
    expect(await flaky.privacy.sensitive('c1')).toBeUndefined();
    expect(flaky.emitted).toHaveLength(0);

    const again = await flaky.reports.report(reporter, report);
    expect(again).toMatchObject({ ok: true, blockRequested: true });
    const ticketId = again.ok ? again.ticketId : '';
    // The ticket made by the first try is the one: no second ticket, and now the mark and the wish.
    expect((await reportTickets(flaky.tickets)).map((ticket) => ticket.id)).toEqual([ticketId]);
    expect((await flaky.privacy.sensitive('c1'))?.note).toContain(ticketId);
    expect(flaky.emitted.map((event) => event.data)).toEqual([expect.objectContaining({ ticketId })]);

    // Completed: a third send (on another node too) makes and sends nothing more.
    const other = await node();
    expect(await other.reports.report(reporter, report)).toEqual(again);
    expect(await flaky.reports.report(reporter, report)).toEqual(again);
    expect(flaky.emitted).toHaveLength(1);
    expect(other.emitted).toHaveLength(0);
  });
});

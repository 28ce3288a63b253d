import * as z from 'zod/mini';
import { ApiError, describeError, type ApiClient } from '../shared/api-client.js';
import { byId, h, replaceChildren, show } from '../shared/dom.js';
import {
  EntrySchema,
  EntryVersionSchema,
  listEntries,
  type Entry,
  type EntryFilter,
  type EntryVersion,
} from '../shared/knowledge-api.js';
import type { AdminTexts } from './admin-texts.js';
import { EntryForm } from './entry-form.js';
import { versionDiffView } from './version-diff-view.js';

const PutResponseSchema = z.object({ entry: EntrySchema, changed: z.boolean() });
const VersionListSchema = z.object({ versions: z.array(EntryVersionSchema) });
const VersionResponseSchema = z.object({ version: EntryVersionSchema });

export interface EntriesPanelOptions {
  api: ApiClient;
  status: (message: string, kind?: 'info' | 'error') => void;
  texts: AdminTexts;
}

/** The entry list with its filters, the editor, and the selected entry's versions with rollback. */
export class EntriesPanel {
  private readonly api: ApiClient;
  private readonly status: EntriesPanelOptions['status'];
  private readonly texts: AdminTexts;
  private readonly form: EntryForm;
  private entries: Entry[] = [];
  /** The entry in the editor; undefined for a new one. */
  private editing: Entry | undefined;

  constructor(options: EntriesPanelOptions) {
    this.api = options.api;
    this.status = options.status;
    this.texts = options.texts;
    this.form = new EntryForm(options.texts);
    byId('entry-filter', HTMLFormElement).addEventListener('submit', (event) => {
      event.preventDefault();
      void this.load();
    });
    byId('filter-enabled', HTMLSelectElement).addEventListener('change', () => void this.load());
    byId('new-entry', HTMLButtonElement).addEventListener('click', () => this.edit(undefined));
    this.form.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.save();
    });
    const remove = byId('delete-entry', HTMLButtonElement);
    const confirm = byId('confirm-delete', HTMLButtonElement);
    remove.addEventListener('click', () => show(confirm, true));
    confirm.addEventListener('click', () => void this.remove());
  }

  /** Opens `?entry=<id>` or a new entry prefilled with `?question=` (knowledge gaps link here). */
  async open(parameters: URLSearchParams): Promise<void> {
    await this.load();
    const id = parameters.get('entry');
    const question = parameters.get('question');
    if (id) {
      const entry = this.entries.find((candidate) => candidate.id === id);
      if (entry) this.edit(entry);
    } else if (question) {
      this.edit(undefined);
      byId('entry-questions', HTMLTextAreaElement).value = question;
    }
  }

  async load(): Promise<void> {
    const filter: EntryFilter = {};
    const text = byId('filter-text', HTMLInputElement).value.trim();
    const tag = byId('filter-tag', HTMLInputElement).value.trim();
    const enabled = byId('filter-enabled', HTMLSelectElement).value;
    if (text) filter.text = text;
    if (tag) filter.tag = tag;
    if (enabled) filter.enabled = enabled === 'true';
    try {
      this.entries = await listEntries(this.api, filter);
      this.renderList();
    } catch (error) {
      this.status(this.texts.problem(this.texts.tabEntries, describeError(error)), 'error');
    }
  }

  private renderList(): void {
    byId('entry-count', HTMLElement).textContent = this.texts.entryCount(this.entries.length);
    const rows = this.entries.map((entry) => {
      const row = h('tr', { className: entry.id === this.editing?.id ? 'selected' : '' }, [
        h('td', { className: 'entry-id', text: entry.id }),
        h('td', { text: entry.questions[0] ?? '' }),
        h(
          'td',
          {},
          entry.tags.map((tag) => h('span', { className: 'badge', text: tag })),
        ),
        h('td', {
          className: entry.enabled ? 'on' : 'off',
          text: entry.enabled ? this.texts.enabledMark : this.texts.disabledMark,
        }),
      ]);
      row.dataset.entryId = entry.id;
      row.tabIndex = 0;
      row.addEventListener('click', () => this.edit(entry));
      row.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') this.edit(entry);
      });
      return row;
    });
    replaceChildren(
      byId('entry-rows', HTMLElement),
      rows.length > 0
        ? rows
        : [
            h('tr', { className: 'empty-row' }, [
              h('td', { className: 'muted', text: this.texts.noEntries, attributes: { colspan: '4' } }),
            ]),
          ],
    );
    const tags = [...new Set(this.entries.flatMap((entry) => entry.tags))].sort();
    replaceChildren(
      byId('tag-names', HTMLDataListElement),
      tags.map((tag) => h('option', { attributes: { value: tag } })),
    );
  }

  private edit(entry: Entry | undefined): void {
    this.editing = entry;
    this.form.fill(entry);
    byId('editor-title', HTMLElement).textContent = entry
      ? this.texts.editEntry(entry.id)
      : this.texts.newEntry;
    show(byId('editor-empty', HTMLElement), false);
    show(this.form.form, true);
    show(byId('delete-entry', HTMLButtonElement), entry !== undefined);
    show(byId('confirm-delete', HTMLButtonElement), false);
    show(byId('versions-box', HTMLElement), entry !== undefined);
    this.renderList();
    if (entry) void this.loadVersions(entry.id);
  }

  private async save(): Promise<void> {
    const draft = this.form.read();
    if (draft.id === '') {
      this.form.showErrors([{ path: 'id', message: this.texts.needId }]);
      return;
    }
    const path = `/api/knowledge/entries/${encodeURIComponent(draft.id)}`;
    try {
      if (!this.editing && (await this.exists(draft.id))) {
        this.form.showErrors([{ path: 'id', message: this.texts.idTaken }]);
        return;
      }
      const saved = await this.api.request('PUT', path, PutResponseSchema, { body: { json: draft } });
      this.form.showErrors([]);
      this.status(saved.changed ? this.texts.saved(saved.entry.id) : this.texts.nothingChanged);
      await this.load();
      this.edit(this.entries.find((entry) => entry.id === saved.entry.id) ?? saved.entry);
    } catch (error) {
      if (error instanceof ApiError && error.issues.length > 0) this.form.showErrors(error.issues);
      else this.form.showErrors([{ path: '', message: describeError(error) }]);
      this.status(this.texts.notSaved, 'error');
    }
  }

  private async exists(id: string): Promise<boolean> {
    try {
      await this.api.request('GET', `/api/knowledge/entries/${encodeURIComponent(id)}`, EntrySchema);
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return false;
      throw error;
    }
  }

  private async remove(): Promise<void> {
    const entry = this.editing;
    if (!entry) return;
    try {
      await this.api.request(
        'DELETE',
        `/api/knowledge/entries/${encodeURIComponent(entry.id)}`,
        VersionResponseSchema,
      );
      this.status(this.texts.deleted(entry.id));
      this.editing = undefined;
      show(this.form.form, false);
      show(byId('versions-box', HTMLElement), false);
      show(byId('editor-empty', HTMLElement), true);
      await this.load();
    } catch (error) {
      this.status(this.texts.problem(this.texts.delete, describeError(error)), 'error');
    }
  }

  private async loadVersions(entryId: string): Promise<void> {
    const list = byId('versions', HTMLOListElement);
    try {
      const { versions } = await this.api.request(
        'GET',
        `/api/knowledge/versions?entryId=${encodeURIComponent(entryId)}&limit=50`,
        VersionListSchema,
      );
      if (this.editing?.id !== entryId) return;
      replaceChildren(
        list,
        versions.length === 0
          ? [h('li', { className: 'muted', text: this.texts.noVersions })]
          : versions.map((version) => this.versionItem(version)),
      );
    } catch (error) {
      replaceChildren(list, [h('li', { className: 'error-line', text: describeError(error) })]);
    }
  }

  private versionItem(version: EntryVersion): HTMLLIElement {
    const undo = h('button', {
      className: 'secondary',
      text: version.before ? this.texts.rollBack : this.texts.undoCreate,
      attributes: { type: 'button' },
    });
    undo.dataset.versionId = String(version.versionId);
    undo.addEventListener('click', () => void this.revert(version));
    const at = new Date(version.at).toLocaleString(this.texts.locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
    });
    // The server may record actions this page does not know yet: those are shown as stored.
    const actions: Readonly<Record<string, string>> = this.texts.actions;
    const action = actions[version.action] ?? version.action;
    const item = h('li', { className: 'version' }, [
      h('div', { className: 'version-head' }, [
        h('strong', { text: `#${version.versionId} ${action}` }),
        h('span', { className: 'muted', text: this.texts.versionBy(version.actor, at) }),
      ]),
      versionDiffView(version, this.texts),
      undo,
    ]);
    item.dataset.versionId = String(version.versionId);
    item.dataset.action = version.action;
    return item;
  }

  private async revert(version: EntryVersion): Promise<void> {
    try {
      await this.api.request(
        'POST',
        `/api/knowledge/versions/${version.versionId}/revert`,
        VersionResponseSchema,
      );
      this.status(this.texts.rolledBack(version.versionId));
      await this.load();
      const entry = this.entries.find((candidate) => candidate.id === version.entryId);
      if (entry) this.edit(entry);
      else {
        show(this.form.form, false);
        show(byId('versions-box', HTMLElement), false);
        show(byId('editor-empty', HTMLElement), true);
      }
    } catch (error) {
      this.status(this.texts.problem(this.texts.rollBack, describeError(error)), 'error');
    }
  }
}

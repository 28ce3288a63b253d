import * as z from 'zod/mini';
import { describeError, type ApiClient } from '../shared/api-client.js';
import { applyPageTexts } from '../shared/ui-language.js';
import { byId, h, replaceChildren } from '../shared/dom.js';
import type { DomainPacksTexts } from './domain-packs-texts.js';

const SideSchema = z.object({ canonical: z.string(), variants: z.array(z.string()) });
const GroupSchema = z.object({
  id: z.string(),
  zh: z.optional(SideSchema),
  en: z.optional(SideSchema),
  enabled: z.boolean(),
  note: z.optional(z.string()),
  origin: z.enum(['shipped', 'edited', 'added']),
});
type Group = z.infer<typeof GroupSchema>;
const PackListSchema = z.object({
  packs: z.array(
    z.object({
      id: z.string(),
      version: z.number(),
      title: z.object({ zh: z.string(), en: z.string() }),
      active: z.boolean(),
      groups: z.array(GroupSchema),
    }),
  ),
});
type Pack = z.infer<typeof PackListSchema>['packs'][number];
const VersionListSchema = z.object({
  versions: z.array(
    z.object({
      versionId: z.number(),
      packId: z.string(),
      groupId: z.string(),
      action: z.enum(['put', 'reset', 'revert']),
      actor: z.string(),
      at: z.string(),
    }),
  ),
});
const ChangeSchema = z.object({ changed: z.boolean() });

const words = (text: string): string[] =>
  text
    .split(/[,，、]/u)
    .map((word) => word.trim())
    .filter(Boolean);

/** The domain packs: their groups, switched on and off, edited, added, reset, and their history undone. */
export class DomainPacksPanel {
  private readonly api: ApiClient;
  private readonly status: (message: string, kind?: 'info' | 'error') => void;
  private readonly texts: DomainPacksTexts;
  private readonly language: 'zh' | 'en';
  private readonly locale: string;
  private packs: Pack[] = [];
  private selected: string | undefined;

  constructor(options: {
    api: ApiClient;
    status: (message: string, kind?: 'info' | 'error') => void;
    texts: DomainPacksTexts;
    language: 'zh' | 'en';
    locale: string;
  }) {
    this.api = options.api;
    this.status = options.status;
    this.texts = options.texts;
    this.language = options.language;
    this.locale = options.locale;
    applyPageTexts(this.texts, byId('tab-packs', HTMLElement));
    const tab = document.querySelector<HTMLElement>('.tab[data-tab="packs"]');
    if (tab) tab.textContent = this.texts.tabPacks;
    byId('pack-group-form', HTMLFormElement).addEventListener('submit', (event) => {
      event.preventDefault();
      void this.saveForm();
    });
  }

  async load(): Promise<void> {
    // Again on every visit: the page's own texts, applied after this panel was built, share some keys.
    applyPageTexts(this.texts, byId('tab-packs', HTMLElement));
    try {
      const { packs } = await this.api.request('GET', '/api/knowledge/domain-packs', PackListSchema);
      this.packs = packs;
      this.selected = packs.some((pack) => pack.id === this.selected) ? this.selected : packs[0]?.id;
      this.render();
      await this.loadHistory();
    } catch (error) {
      this.fail(error);
    }
  }

  private render(): void {
    const choices = this.packs.map((pack) => {
      const button = h(
        'button',
        {
          className: pack.id === this.selected ? 'pack-choice active' : 'pack-choice secondary',
          attributes: { type: 'button', 'data-pack': pack.id },
        },
        [
          h('strong', { text: pack.title[this.language] }),
          ' ',
          h('span', {
            className: pack.active ? 'badge' : 'badge muted',
            text: pack.active ? this.texts.active : this.texts.inactive,
          }),
          ' ',
          h('span', { className: 'muted', text: this.texts.groupCount(pack.groups.length) }),
        ],
      );
      button.addEventListener('click', () => {
        this.selected = pack.id;
        this.render();
        void this.loadHistory();
      });
      return button;
    });
    replaceChildren(byId('pack-choices', HTMLElement), choices);
    const pack = this.packs.find((candidate) => candidate.id === this.selected);
    replaceChildren(
      byId('pack-group-rows', HTMLElement),
      (pack?.groups ?? []).map((group) => this.row(group)),
    );
  }

  private row(group: Group): HTMLTableRowElement {
    const side = (words?: { canonical: string; variants: string[] }): string =>
      words === undefined
        ? ''
        : words.variants.length > 0
          ? `${words.canonical} ← ${words.variants.join(', ')}`
          : words.canonical;
    const enabled = h('input', { attributes: { type: 'checkbox', 'aria-label': `${group.id} on` } });
    enabled.checked = group.enabled;
    enabled.addEventListener('change', () => void this.save({ ...group, enabled: enabled.checked }));
    const edit = h('button', {
      className: 'secondary',
      text: this.texts.edit,
      attributes: { type: 'button' },
    });
    edit.addEventListener('click', () => this.fillForm(group));
    const actions: HTMLElement[] = [edit];
    if (group.origin !== 'shipped') {
      const reset = h('button', {
        className: 'secondary',
        text: this.texts.reset,
        attributes: { type: 'button' },
      });
      reset.addEventListener('click', () => void this.reset(group.id));
      actions.push(reset);
    }
    return h('tr', { attributes: { 'data-group': group.id } }, [
      h('td', { text: group.id, ...(group.note ? { title: group.note } : {}) }),
      h('td', { text: side(group.zh) }),
      h('td', { text: side(group.en) }),
      h('td', { className: 'origin', text: this.texts.origins[group.origin] }),
      h('td', {}, [enabled]),
      h('td', { className: 'row-actions' }, actions),
    ]);
  }

  private fillForm(group: Group): void {
    byId('pack-group-id', HTMLInputElement).value = group.id;
    byId('pack-zh-canonical', HTMLInputElement).value = group.zh?.canonical ?? '';
    byId('pack-zh-variants', HTMLInputElement).value = group.zh?.variants.join(', ') ?? '';
    byId('pack-en-canonical', HTMLInputElement).value = group.en?.canonical ?? '';
    byId('pack-en-variants', HTMLInputElement).value = group.en?.variants.join(', ') ?? '';
    byId('pack-group-enabled', HTMLInputElement).checked = group.enabled;
    byId('pack-group-id', HTMLInputElement).focus();
  }

  private async saveForm(): Promise<void> {
    const value = (id: string): string => byId(id, HTMLInputElement).value.trim();
    const zh = value('pack-zh-canonical');
    const en = value('pack-en-canonical');
    await this.save({
      id: value('pack-group-id'),
      ...(zh ? { zh: { canonical: zh, variants: words(value('pack-zh-variants')) } } : {}),
      ...(en ? { en: { canonical: en, variants: words(value('pack-en-variants')) } } : {}),
      enabled: byId('pack-group-enabled', HTMLInputElement).checked,
    });
  }

  private async save(group: Omit<Group, 'origin'> & { origin?: unknown }): Promise<void> {
    const { origin: _origin, ...body } = group;
    const packId = this.selected;
    if (!packId) return;
    try {
      const { changed } = await this.api.request(
        'PUT',
        `/api/knowledge/domain-packs/${encodeURIComponent(packId)}/groups/${encodeURIComponent(body.id)}`,
        ChangeSchema,
        { body: { json: body } },
      );
      this.status(changed ? this.texts.saved(body.id) : this.texts.unchanged);
      await this.load();
    } catch (error) {
      this.fail(error);
    }
  }

  private async reset(groupId: string): Promise<void> {
    if (!this.selected) return;
    try {
      await this.api.request(
        'DELETE',
        `/api/knowledge/domain-packs/${encodeURIComponent(this.selected)}/groups/${encodeURIComponent(groupId)}`,
        ChangeSchema,
      );
      this.status(this.texts.resetDone(groupId));
      await this.load();
    } catch (error) {
      this.fail(error);
    }
  }

  private async loadHistory(): Promise<void> {
    if (!this.selected) return;
    const query = new URLSearchParams({ packId: this.selected, limit: '20' });
    const { versions } = await this.api.request(
      'GET',
      `/api/knowledge/domain-packs/versions?${query.toString()}`,
      VersionListSchema,
    );
    const when = new Intl.DateTimeFormat(this.locale, { dateStyle: 'short', timeStyle: 'short' });
    const items = versions.map((version) => {
      const revert = h('button', {
        className: 'secondary',
        text: this.texts.revert,
        attributes: { type: 'button' },
      });
      revert.addEventListener('click', () => void this.revert(version.versionId));
      return h('li', {}, [
        h('span', {
          text: this.texts.historyLine(
            version.actor,
            when.format(new Date(version.at)),
            this.texts.actions[version.action],
            version.groupId,
          ),
        }),
        ' ',
        revert,
      ]);
    });
    replaceChildren(
      byId('pack-history', HTMLElement),
      items.length > 0 ? items : [h('li', { className: 'muted', text: this.texts.noHistory })],
    );
  }

  private async revert(versionId: number): Promise<void> {
    try {
      const { changed } = await this.api.request(
        'POST',
        `/api/knowledge/domain-packs/versions/${versionId}/revert`,
        ChangeSchema,
      );
      this.status(changed ? this.texts.reverted : this.texts.unchanged);
      await this.load();
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    this.status(this.texts.problem(describeError(error)), 'error');
  }
}

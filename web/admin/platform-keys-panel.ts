import * as z from 'zod/mini';
import { ApiError, describeError, type ApiClient } from '../shared/api-client.js';
import { byId, h, replaceChildren, show } from '../shared/dom.js';
import type { PlatformKeysTexts } from './platform-keys-texts.js';

const SigningKeySchema = z.object({
  id: z.string(),
  platformId: z.string(),
  kind: z.enum(['hs256', 'jwks']),
  jwksUrl: z.optional(z.string()),
  createdAt: z.string(),
  createdBy: z.string(),
  revokedAt: z.nullable(z.string()),
});
const ApiKeySchema = z.object({
  id: z.string(),
  platformId: z.string(),
  label: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  revokedAt: z.nullable(z.string()),
});
const ListSchema = z.object({ signingKeys: z.array(SigningKeySchema), apiKeys: z.array(ApiKeySchema) });
const CreatedSchema = z.object({ key: z.object({ id: z.string() }), secret: z.optional(z.string()) });
const Anything = z.unknown();

/**
 * The admin's Platform keys tab: identity signing keys (HS256 secret or JWKS URL) and platform API keys, each
 * secret shown once after creation, and revocation. Admins only, as the API.
 */
export class PlatformKeysPanel {
  private readonly api: ApiClient;
  private readonly status: (message: string, kind?: 'info' | 'error') => void;
  private readonly texts: PlatformKeysTexts;
  private readonly locale: string;
  private readonly root: HTMLElement;
  private readonly signingPlatform = h('input', {
    attributes: {
      id: 'signing-platform',
      required: '',
      maxlength: '64',
      pattern: '[a-z0-9][a-z0-9_\\-]*',
      size: '16',
    },
  });
  private readonly kindSelect = h('select', { attributes: { id: 'signing-kind' } });
  private readonly jwksUrl = h('input', {
    attributes: {
      id: 'signing-jwks-url',
      type: 'url',
      maxlength: '2048',
      size: '40',
      placeholder: 'https://',
    },
  });
  private readonly apiPlatform = h('input', {
    attributes: {
      id: 'api-key-platform',
      required: '',
      maxlength: '64',
      pattern: '[a-z0-9][a-z0-9_\\-]*',
      size: '16',
    },
  });
  private readonly apiLabel = h('input', {
    attributes: { id: 'api-key-label', maxlength: '100', size: '24' },
  });
  private readonly secretBox = h('div', {
    className: 'card padded stack webhook-secret',
    attributes: { id: 'platform-secret-box' },
  });
  private readonly signingBody = h('tbody', { attributes: { id: 'signing-key-rows' } });
  private readonly apiBody = h('tbody', { attributes: { id: 'api-key-rows' } });

  constructor(options: {
    api: ApiClient;
    status: (message: string, kind?: 'info' | 'error') => void;
    texts: PlatformKeysTexts;
    locale: string;
  }) {
    this.api = options.api;
    this.status = options.status;
    this.texts = options.texts;
    this.locale = options.locale;
    this.root = byId('tab-platform', HTMLElement);
    const tab = document.querySelector<HTMLElement>('.tab[data-tab="platform"]');
    if (tab) tab.textContent = this.texts.tabPlatformKeys;
    this.build();
  }

  async load(): Promise<void> {
    try {
      const { signingKeys, apiKeys } = await this.api.request('GET', '/api/platform-keys', ListSchema);
      this.renderSigning(signingKeys);
      this.renderApi(apiKeys);
    } catch (error) {
      this.status(this.texts.problem(describeError(error)), 'error');
    }
  }

  private build(): void {
    const t = this.texts;
    replaceChildren(this.kindSelect, [
      h('option', { text: t.kindHs256, attributes: { value: 'hs256' } }),
      h('option', { text: t.kindJwks, attributes: { value: 'jwks' } }),
    ]);
    const urlLabel = h('label', {}, [h('span', { text: t.fieldJwksUrl }), ' ', this.jwksUrl]);
    show(urlLabel, false);
    this.kindSelect.addEventListener('change', () => show(urlLabel, this.kindSelect.value === 'jwks'));
    const signingForm = h(
      'form',
      { className: 'card padded stack', attributes: { id: 'signing-key-form' } },
      [
        h('h3', { text: t.signingTitle }),
        h('p', { className: 'muted', text: t.signingHint }),
        h('div', { className: 'row' }, [
          h('label', {}, [h('span', { text: t.fieldPlatform }), ' ', this.signingPlatform]),
          h('label', {}, [h('span', { text: t.fieldKind }), ' ', this.kindSelect]),
          urlLabel,
          h('button', { text: t.addSigning, attributes: { type: 'submit', id: 'signing-key-add' } }),
        ]),
        h('table', { className: 'webhook-table' }, [
          this.head(
            t.columnPlatform,
            t.columnKey,
            t.columnKind,
            t.columnCreated,
            t.columnState,
            t.columnActions,
          ),
          this.signingBody,
        ]),
      ],
    );
    signingForm.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.createSigning();
    });
    const apiForm = h('form', { className: 'card padded stack', attributes: { id: 'api-key-form' } }, [
      h('h3', { text: t.apiTitle }),
      h('p', { className: 'muted', text: t.apiHint }),
      h('div', { className: 'row' }, [
        h('label', {}, [h('span', { text: t.fieldPlatform }), ' ', this.apiPlatform]),
        h('label', {}, [h('span', { text: t.fieldLabel }), ' ', this.apiLabel]),
        h('button', { text: t.addApi, attributes: { type: 'submit', id: 'api-key-add' } }),
      ]),
      h('table', { className: 'webhook-table' }, [
        this.head(
          t.columnPlatform,
          t.columnKey,
          t.columnLabel,
          t.columnCreated,
          t.columnState,
          t.columnActions,
        ),
        this.apiBody,
      ]),
    ]);
    apiForm.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.createApi();
    });
    show(this.secretBox, false);
    replaceChildren(this.root, [
      h('p', { className: 'muted', text: t.intro }),
      this.secretBox,
      signingForm,
      apiForm,
    ]);
  }

  private head(...names: string[]): HTMLTableSectionElement {
    return h('thead', {}, [
      h(
        'tr',
        {},
        names.map((name) => h('th', { text: name })),
      ),
    ]);
  }

  private async createSigning(): Promise<void> {
    const kind = this.kindSelect.value === 'jwks' ? 'jwks' : 'hs256';
    const json = {
      kind,
      platformId: this.signingPlatform.value.trim(),
      ...(kind === 'jwks' ? { jwksUrl: this.jwksUrl.value.trim() } : {}),
    };
    await this.create('/api/platform-keys/signing-keys', json, this.texts.createdSigning);
  }

  private async createApi(): Promise<void> {
    const json = { platformId: this.apiPlatform.value.trim(), label: this.apiLabel.value.trim() };
    await this.create('/api/platform-keys/api-keys', json, this.texts.createdApi);
  }

  private async create(path: string, json: unknown, done: string): Promise<void> {
    try {
      const created = await this.api.request('POST', path, CreatedSchema, { body: { json } });
      if (created.secret !== undefined) this.showSecret(created.key.id, created.secret);
      this.status(done);
      await this.load();
    } catch (error) {
      const limit = error instanceof ApiError && error.status === 409 && path.endsWith('/signing-keys');
      this.status(this.texts.problem(limit ? this.texts.limitReached : describeError(error)), 'error');
    }
  }

  private showSecret(keyId: string, secret: string): void {
    const hide = h('button', {
      text: this.texts.hideSecret,
      className: 'secondary',
      attributes: { type: 'button' },
    });
    hide.addEventListener('click', () => {
      replaceChildren(this.secretBox, []);
      show(this.secretBox, false);
    });
    replaceChildren(this.secretBox, [
      h('h3', { text: `${this.texts.secretTitle} · ${keyId}` }),
      h('p', { text: this.texts.secretHint }),
      h('code', { className: 'webhook-secret-value', text: secret, attributes: { id: 'platform-secret' } }),
      h('div', { className: 'row' }, [hide]),
    ]);
    show(this.secretBox, true);
  }

  private renderSigning(keys: z.infer<typeof ListSchema>['signingKeys']): void {
    const t = this.texts;
    const rows = keys.map((key) =>
      h('tr', { attributes: { 'data-signing-key': key.id } }, [
        h('td', { text: key.platformId }),
        h('td', {}, [h('code', { text: key.id })]),
        h('td', {}, [
          h('div', { text: key.kind === 'hs256' ? t.kindHs256 : t.kindJwks }),
          key.jwksUrl ? h('div', { className: 'muted', text: key.jwksUrl }) : null,
        ]),
        ...this.common(key, `/api/platform-keys/signing-keys/${key.id}`),
      ]),
    );
    this.fill(this.signingBody, rows, t.noSigning);
  }

  private renderApi(keys: z.infer<typeof ListSchema>['apiKeys']): void {
    const rows = keys.map((key) =>
      h('tr', { attributes: { 'data-api-key': key.id } }, [
        h('td', { text: key.platformId }),
        h('td', {}, [h('code', { text: `${key.id} (${key.prefix}…)` })]),
        h('td', { text: key.label }),
        ...this.common(key, `/api/platform-keys/api-keys/${key.id}`),
      ]),
    );
    this.fill(this.apiBody, rows, this.texts.noApi);
  }

  /** Created, state and the revoke button: the last three cells of either table. */
  private common(
    key: { id: string; createdAt: string; revokedAt: string | null },
    path: string,
  ): HTMLElement[] {
    const t = this.texts;
    const when = (at: string) => new Date(at).toLocaleString(this.locale);
    const revoke = h('button', { text: t.revoke, className: 'danger', attributes: { type: 'button' } });
    revoke.addEventListener('click', () => {
      if (!window.confirm(t.confirmRevoke(key.id))) return;
      void this.api
        .request('DELETE', path, Anything)
        .then(() => this.status(t.revoked))
        .catch((error: unknown) => this.status(t.problem(describeError(error)), 'error'))
        .then(() => this.load());
    });
    return [
      h('td', { text: when(key.createdAt) }),
      h('td', { text: key.revokedAt === null ? t.active : t.revokedAt(when(key.revokedAt)) }),
      h('td', {}, [h('div', { className: 'row' }, key.revokedAt === null ? [revoke] : [])]),
    ];
  }

  private fill(body: HTMLTableSectionElement, rows: HTMLElement[], empty: string): void {
    replaceChildren(
      body,
      rows.length > 0
        ? rows
        : [h('tr', {}, [h('td', { className: 'muted', text: empty, attributes: { colspan: '6' } })])],
    );
  }
}

import * as z from 'zod/mini';
import { describeError, type ApiClient } from '../shared/api-client.js';
import { h, replaceChildren } from '../shared/dom.js';
import { textsFor, type UiLanguage } from '../shared/ui-language.js';

const ToolSchema = z.object({
  definition: z.object({
    name: z.string(),
    description: z.string(),
    method: z.string(),
    url: z.string(),
    timeoutMs: z.number(),
    allowedHosts: z.array(z.string()),
    response: z.record(z.string(), z.unknown()),
  }),
  source: z.enum(['file', 'admin']),
  updatedBy: z.optional(z.string()),
});
type Tool = z.infer<typeof ToolSchema>;
const ListSchema = z.object({ tools: z.array(ToolSchema) });
const TryResultSchema = z.object({ results: z.array(z.record(z.string(), z.unknown())) });
const Anything = z.unknown();

interface ToolsTexts {
  tab: string;
  intro: string;
  source: Record<'file' | 'admin', string>;
  fields: string;
  timeout: (ms: number) => string;
  editorLabel: string;
  save: string;
  saved: (name: string) => string;
  remove: string;
  removed: (name: string) => string;
  edit: string;
  tryLabel: string;
  tryUser: string;
  tryProduct: string;
  tryRun: string;
  empty: string;
}

const TEXTS: Record<UiLanguage, ToolsTexts> = {
  zh: {
    tab: '商城工具',
    intro:
      '查询订单、物流和商品库存的 HTTP 工具。参数只能来自平台认证的身份、直播间信息和会话（不会使用观众的原话），主机须在白名单内，内网地址一律拒绝。来自配置文件的工具只读。',
    source: { file: '配置文件', admin: '后台' },
    fields: '字段',
    timeout: (ms) => `超时 ${ms} ms`,
    editorLabel: '工具定义（JSON）',
    save: '保存',
    saved: (name) => `已保存工具 ${name}`,
    remove: '删除',
    removed: (name) => `已删除工具 ${name}`,
    edit: '编辑',
    tryLabel: '试运行',
    tryUser: '用户 ID',
    tryProduct: '讲解商品 ID',
    tryRun: '运行',
    empty: '还没有工具。',
  },
  en: {
    tab: 'Commerce tools',
    intro:
      "HTTP look-ups for orders, shipments and stock. Arguments come only from the platform-verified identity, the live context and the conversation (never the viewer's words); hosts must be on the allow-list and private addresses are refused. Tools from the tools file are read-only.",
    source: { file: 'tools file', admin: 'admin' },
    fields: 'fields',
    timeout: (ms) => `timeout ${ms} ms`,
    editorLabel: 'Tool definition (JSON)',
    save: 'Save',
    saved: (name) => `Tool ${name} saved`,
    remove: 'Remove',
    removed: (name) => `Tool ${name} removed`,
    edit: 'Edit',
    tryLabel: 'Try it',
    tryUser: 'User id',
    tryProduct: 'Product in view',
    tryRun: 'Run',
    empty: 'No tools yet.',
  },
};

/** The admin's Commerce tools tab: the tools in force, a JSON editor to save one, a try-it box. */
export class ToolsPanel {
  private readonly texts: ToolsTexts;
  private readonly list = h('ul', { className: 'tools-list', attributes: { id: 'tools-list' } });
  private readonly editor = h('textarea', {
    attributes: { id: 'tool-json', rows: '14', cols: '80', spellcheck: 'false' },
  });
  private readonly tryName = h('select', { attributes: { id: 'tool-try-name' } });
  private readonly tryUser = h('input', { attributes: { id: 'tool-try-user', size: '16' } });
  private readonly tryProduct = h('input', { attributes: { id: 'tool-try-product', size: '16' } });
  private readonly tryOutput = h('pre', {
    className: 'tool-try-output',
    attributes: { id: 'tool-try-output' },
  });

  constructor(
    private readonly options: {
      api: ApiClient;
      status: (message: string, kind?: 'info' | 'error') => void;
      language: UiLanguage;
      root: HTMLElement;
    },
  ) {
    const texts = (this.texts = textsFor(TEXTS, options.language));
    const tab = document.querySelector<HTMLElement>('.tab[data-tab="tools"]');
    if (tab) tab.textContent = texts.tab;
    const save = h('button', { text: texts.save, attributes: { type: 'submit', id: 'tool-save' } });
    const form = h('form', { attributes: { id: 'tool-form' } }, [
      h('label', {}, [h('span', { text: texts.editorLabel }), this.editor]),
      save,
    ]);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.save();
    });
    const run = h('button', { text: texts.tryRun, attributes: { type: 'submit' } });
    const tryForm = h('form', { attributes: { id: 'tool-try' } }, [
      this.tryName,
      h('label', {}, [texts.tryUser, ' ', this.tryUser]),
      h('label', {}, [texts.tryProduct, ' ', this.tryProduct]),
      run,
    ]);
    tryForm.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.tryTool();
    });
    replaceChildren(options.root, [
      h('p', { className: 'muted', text: texts.intro }),
      this.list,
      form,
      h('h3', { text: texts.tryLabel }),
      tryForm,
      this.tryOutput,
    ]);
  }

  async load(): Promise<void> {
    try {
      const { tools } = await this.options.api.request('GET', '/api/tools', ListSchema);
      replaceChildren(
        this.list,
        tools.length === 0
          ? [h('li', { className: 'muted', text: this.texts.empty })]
          : tools.map((tool) => this.item(tool)),
      );
      replaceChildren(
        this.tryName,
        tools.map((tool) =>
          h('option', { text: tool.definition.name, attributes: { value: tool.definition.name } }),
        ),
      );
    } catch (error) {
      this.options.status(describeError(error), 'error');
    }
  }

  private item(tool: Tool): HTMLLIElement {
    const { texts } = this;
    const { definition } = tool;
    const edit = h('button', { className: 'link', text: texts.edit, attributes: { type: 'button' } });
    edit.addEventListener('click', () => {
      this.editor.value = JSON.stringify(definition, null, 2);
    });
    const remove =
      tool.source === 'admin'
        ? h('button', { className: 'link', text: texts.remove, attributes: { type: 'button' } })
        : null;
    remove?.addEventListener('click', () => void this.remove(definition.name));
    return h('li', { attributes: { 'data-tool': definition.name } }, [
      h('strong', { text: definition.name }),
      h('span', { className: 'badge', text: ` ${texts.source[tool.source]} ` }),
      ` ${definition.method} ${definition.url} · ${texts.timeout(definition.timeoutMs)} · ${texts.fields}: ${Object.keys(definition.response).join(', ')}`,
      h('div', { className: 'muted', text: definition.description }),
      edit,
      remove ? ' ' : null,
      remove,
    ]);
  }

  private async save(): Promise<void> {
    let body: unknown;
    try {
      body = JSON.parse(this.editor.value);
    } catch {
      this.options.status('JSON?', 'error');
      return;
    }
    const name = typeof body === 'object' && body !== null && 'name' in body ? String(body.name) : '';
    try {
      await this.options.api.request('PUT', `/api/tools/${encodeURIComponent(name)}`, Anything, {
        body: { json: body },
      });
      this.options.status(this.texts.saved(name));
      await this.load();
    } catch (error) {
      this.options.status(describeError(error), 'error');
    }
  }

  private async remove(name: string): Promise<void> {
    try {
      await this.options.api.request('DELETE', `/api/tools/${encodeURIComponent(name)}`, Anything);
      this.options.status(this.texts.removed(name));
      await this.load();
    } catch (error) {
      this.options.status(describeError(error), 'error');
    }
  }

  private async tryTool(): Promise<void> {
    const json: Record<string, string> = {};
    if (this.tryUser.value.trim() !== '') json.userId = this.tryUser.value.trim();
    if (this.tryProduct.value.trim() !== '') json.productInView = this.tryProduct.value.trim();
    try {
      const { results } = await this.options.api.request(
        'POST',
        `/api/tools/${encodeURIComponent(this.tryName.value)}/try`,
        TryResultSchema,
        { body: { json } },
      );
      this.tryOutput.textContent = JSON.stringify(results, null, 2);
    } catch (error) {
      this.options.status(describeError(error), 'error');
    }
  }
}

/** What may go inside an element: nodes, or strings that always become text (never markup). */
export type Child = Node | string | number | null | undefined | false;

export interface ElementOptions {
  className?: string;
  /** Set as `textContent`: viewer and agent words are never parsed as HTML. */
  text?: string;
  attributes?: Readonly<Record<string, string>>;
  title?: string;
}

/** Builds an element; the only way these pages put text on screen. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions = {},
  children: readonly Child[] = [],
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.className) element.className = options.className;
  if (options.title) element.title = options.title;
  for (const [name, value] of Object.entries(options.attributes ?? {})) element.setAttribute(name, value);
  if (options.text !== undefined) element.textContent = options.text;
  append(element, children);
  return element;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content. */
export function replaceChildren(parent: Element, children: readonly Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** The element with this id, of this kind; a page whose HTML lacks it is a bug worth failing on. */
export function byId<T extends HTMLElement>(id: string, kind: new () => T): T {
  const element = document.getElementById(id);
  if (!(element instanceof kind)) throw new Error(`the page has no ${kind.name} #${id}`);
  return element;
}

export function show(element: HTMLElement, visible: boolean): void {
  element.hidden = !visible;
}

/** Keeps a scrolled list pinned to its end unless the reader scrolled up. */
export function scrollToEndIfNear(list: HTMLElement, thresholdPx = 80): void {
  const distance = list.scrollHeight - list.scrollTop - list.clientHeight;
  if (distance < thresholdPx + 200) list.scrollTop = list.scrollHeight;
}

/** A text field of a submitted form; '' when absent (or a file). */
export function formText(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
}

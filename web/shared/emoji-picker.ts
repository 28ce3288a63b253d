import { h } from './dom.js';

/** Text emoji only: they travel as characters in the message, no image packs to host or moderate. */
export const EMOJI = [
  '😀',
  '😂',
  '🥰',
  '😍',
  '😎',
  '🤔',
  '😅',
  '😭',
  '😡',
  '👍',
  '👏',
  '🙏',
  '💪',
  '🎉',
  '❤️',
  '🔥',
  '🎁',
  '💰',
  '⭐',
  '👀',
  '✅',
  '❌',
  '❓',
  '🙂',
] as const;

/** Puts `text` at the caret of a text field (replacing a selection), as typing it would. */
export function insertAtCaret(field: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  const start = field.selectionStart ?? field.value.length;
  const end = field.selectionEnd ?? start;
  const room = field.maxLength > 0 ? field.maxLength - (field.value.length - (end - start)) : Infinity;
  if (text.length > room) return;
  field.setRangeText(text, start, end, 'end');
  field.dispatchEvent(new Event('input', { bubbles: true }));
  field.focus();
}

/**
 * A button that opens a small grid of emoji; a pick goes into `field` at the caret and the grid closes.
 * Escape closes the grid and gives the focus back to the button.
 */
export function emojiPicker(
  field: HTMLInputElement | HTMLTextAreaElement,
  label: string,
): { button: HTMLButtonElement; grid: HTMLDivElement } {
  const button = h('button', {
    className: 'emoji-button',
    text: '☺',
    attributes: { type: 'button', 'aria-label': label, 'aria-expanded': 'false' },
    title: label,
  });
  const grid = h('div', { className: 'emoji-grid', attributes: { role: 'group', 'aria-label': label } });
  grid.hidden = true;
  const toggle = (open: boolean) => {
    grid.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
  };
  for (const emoji of EMOJI) {
    const pick = h('button', { className: 'emoji', text: emoji, attributes: { type: 'button' } });
    pick.addEventListener('click', () => {
      insertAtCaret(field, emoji);
      toggle(false);
    });
    grid.append(pick);
  }
  button.addEventListener('click', () => toggle(grid.hidden));
  grid.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    toggle(false);
    button.focus();
  });
  return { button, grid };
}

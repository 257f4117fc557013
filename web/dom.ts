/** DOM helpers shared by the shell and the views. */

export const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

type Child = Node | string | null | undefined | false;

/** Builds an element; text goes in as text, never as HTML, so graph content cannot inject markup. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}

/** Replaces an element's content with one hint or error line. */
export function status(target: string | HTMLElement, message: string, kind: 'hint' | 'error' = 'hint') {
  (typeof target === 'string' ? $(target) : target).replaceChildren(el('p', { class: kind }, message));
}

/** A <select> of enum values with a leading "any" option. */
export function enumSelect(id: string, values: readonly string[], label: (v: string) => string, any = 'any'): HTMLSelectElement {
  return el('select', { id }, el('option', { value: '' }, any), ...values.map((v) => el('option', { value: v }, label(v))));
}

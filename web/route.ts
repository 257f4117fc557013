/**
 * The URL holds the view and its arguments, so a link can be shared: #compare?a=…&b=…, #fit?risks=…, etc.
 * A bare #some-id (the explorer's older links) opens that entity.
 */
export const VIEWS = ['map', 'compatibility', 'fit', 'compare', 'entity'] as const;
export type ViewName = (typeof VIEWS)[number];

export interface Route {
  view: ViewName;
  args: URLSearchParams;
}

type Args = Record<string, string | readonly string[] | null | undefined>;

const isView = (v: string): v is ViewName => (VIEWS as readonly string[]).includes(v);

export function parse(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const head = decodeURIComponent(q < 0 ? raw : raw.slice(0, q));
  const args = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
  if (!head) return { view: 'map', args };
  if (isView(head)) return { view: head, args };
  return { view: 'entity', args: new URLSearchParams({ id: head }) };
}

/** Lists go in comma-separated (ids and enum values hold no commas); empty values are left out. */
export function href(view: ViewName, args: Args = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(args)) {
    const s = typeof v === 'string' ? v : v?.join(',');
    if (s) q.set(k, s);
  }
  const qs = q.toString();
  return `#${view}${qs ? `?${qs}` : ''}`;
}

export const list = (args: URLSearchParams, key: string) => (args.get(key) ?? '').split(',').filter(Boolean);

/** Navigates: the shell hears the hashchange and shows the view. */
export function go(view: ViewName, args: Args = {}) {
  location.hash = href(view, args);
}

/** Records a view's state in the URL without navigating (filters, an opened cell). */
export function remember(view: ViewName, args: Args = {}) {
  history.replaceState(null, '', href(view, args));
}

/** A view: shown in its own <section id="view-NAME">, told its arguments on every visit and URL change. */
export interface View {
  show(args: URLSearchParams): void | Promise<void>;
}

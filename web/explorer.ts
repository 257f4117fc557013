import { $, el } from './dom.js';
import { gql } from './gql.js';
import { go, parse, VIEWS, type View, type ViewName } from './route.js';
import { compareView } from './views/compare.js';
import { compatibilityView } from './views/compatibility.js';
import { entityView, initEntityTools } from './views/entity.js';
import { fitView } from './views/fit.js';
import { mapView } from './views/map.js';
import './explorer.css';

/**
 * The explorer's shell: the search box, the view tabs, and the router. The URL's hash holds the view and its
 * arguments (web/route.ts); each view lives in web/views/. Plain DOM and the public GraphQL API, nothing else.
 */

// ---- search -------------------------------------------------------------------------------------------------

interface Snippet {
  text: string;
  highlights: Array<{ start: number; length: number }>;
}

/** A snippet as text with its matched words in <mark>, built from text nodes (never HTML). */
function marked(s: Snippet): Array<Node | string> {
  const out: Array<Node | string> = [];
  let at = 0;
  for (const h of s.highlights) {
    if (h.start < at) continue;
    out.push(s.text.slice(at, h.start), el('mark', {}, s.text.slice(h.start, h.start + h.length)));
    at = h.start + h.length;
  }
  out.push(s.text.slice(at));
  return out;
}

interface Hit {
  matchedField: 'NAME' | 'ALIAS' | 'DESCRIPTION';
  snippet: Snippet;
  node: { __typename: string; id: string; name: string };
}

async function search(text: string) {
  const results = $('results');
  results.replaceChildren(el('li', { class: 'hint' }, 'Searching…'));
  try {
    const d = await gql<{ search: Hit[] }>(
      'query Search($text: String!) { search(text: $text, first: 15) { matchedField snippet { text highlights { start length } } node { __typename id name } } }',
      { text },
    );
    results.replaceChildren(
      ...(d.search.length
        ? d.search.map((h) => {
            const button = el('button', { type: 'button', 'data-id': h.node.id }, h.node.name);
            button.addEventListener('click', () => void open(h.node.id));
            // Why the hit is there, when its name alone does not show it: the alias or the description that matched.
            const why =
              h.matchedField === 'NAME'
                ? null
                : el('span', { class: `why why-${h.matchedField.toLowerCase()}` }, h.matchedField === 'ALIAS' ? 'also: ' : '', ...marked(h.snippet));
            return el('li', { class: 'result' }, button, el('span', { class: `kind kind-${h.node.__typename}` }, h.node.__typename), why);
          })
        : [el('li', { class: 'hint' }, `Nothing found for “${text}”.`)]),
    );
  } catch (err) {
    results.replaceChildren(el('li', { class: 'error' }, (err as Error).message));
  }
}

// ---- completions while typing (Query.suggest) ----------------------------------------------------------------

interface Suggestion {
  id: string;
  name: string;
  type: string;
  matchedField: 'NAME' | 'ALIAS';
  snippet: Snippet;
}

const SUGGEST_QUERY = 'query Suggest($p: String!) { suggest(prefix: $p, first: 8) { id name type matchedField snippet { text highlights { start length } } } }';
const typeLabel = (t: string) => t.charAt(0) + t.slice(1).toLowerCase().replace(/_/g, ' ');

/**
 * A listbox under the search box: each keystroke (after a short pause) asks for completions; arrows move
 * through them, Enter or a click opens one, Escape closes the list. Submitting the form still runs the full
 * search into #results. A late answer for text that has since changed, or after the box lost focus, is dropped.
 */
function initSuggestions() {
  const input = $<HTMLInputElement>('search');
  const list = $<HTMLUListElement>('suggestions');
  let items: Suggestion[] = [];
  let active = -1;
  let asked = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const close = () => {
    asked++;
    clearTimeout(timer);
    items = [];
    active = -1;
    list.hidden = true;
    list.replaceChildren();
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  };
  const highlight = (i: number) => {
    active = i;
    list.querySelectorAll('li').forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
    if (i >= 0) input.setAttribute('aria-activedescendant', `suggestion-${i}`);
    else input.removeAttribute('aria-activedescendant');
  };
  const choose = (s: Suggestion) => {
    close();
    input.value = s.name;
    open(s.id);
  };
  const render = () => {
    list.replaceChildren(
      ...items.map((s, i) => {
        const text = s.matchedField === 'ALIAS' ? [s.name, el('span', { class: 'alias' }, ' (', ...marked(s.snippet), ')')] : marked(s.snippet);
        const li = el(
          'li',
          { role: 'option', id: `suggestion-${i}`, 'data-id': s.id, 'aria-selected': 'false' },
          el('span', {}, ...text),
          el('span', { class: 'kind' }, typeLabel(s.type)),
        );
        // mousedown, not click: the box keeps its focus, so the list is still there when the click lands.
        li.addEventListener('mousedown', (e) => {
          e.preventDefault();
          choose(s);
        });
        return li;
      }),
    );
    list.hidden = items.length === 0;
    input.setAttribute('aria-expanded', String(items.length > 0));
    highlight(-1);
  };
  const ask = async (prefix: string) => {
    const mine = ++asked;
    try {
      const d = await gql<{ suggest: Suggestion[] }>(SUGGEST_QUERY, { p: prefix }, 1);
      if (mine !== asked || document.activeElement !== input) return;
      items = d.suggest;
      render();
    } catch {
      // Completions are a convenience: a failed one leaves the box as it was; the search button still works.
    }
  };

  input.addEventListener('input', () => {
    const prefix = input.value.trim();
    clearTimeout(timer);
    if (!prefix) return close();
    timer = setTimeout(() => void ask(prefix.slice(0, 100)), 120);
  });
  input.addEventListener('keydown', (e) => {
    if (list.hidden) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      // Cycles through the options and back to the box itself (-1).
      const states = items.length + 1;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      highlight(((((active + 1 + step) % states) + states) % states) - 1);
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      choose(items[active]);
    } else if (e.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', close);
  $('search-form').addEventListener('submit', close);
}

/** Opens an entity in the entity view (search results call this). */
function open(id: string) {
  go('entity', { id });
}

// ---- router -------------------------------------------------------------------------------------------------

const ROUTES: Record<ViewName, View> = { map: mapView, compatibility: compatibilityView, fit: fitView, compare: compareView, entity: entityView };

function route() {
  const { view, args } = parse(location.hash);
  document.body.dataset.view = view;
  for (const name of VIEWS) $(`view-${name}`).hidden = name !== view;
  for (const tab of document.querySelectorAll<HTMLAnchorElement>('#tabs a')) {
    if (tab.dataset.view === view) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  void ROUTES[view].show(args);
}

// Search results show beside any view; switching views puts them away again.
function watchResults() {
  new MutationObserver(() => {
    document.body.dataset.searched = 'true';
  }).observe($('results'), { childList: true, subtree: true });
  window.addEventListener('hashchange', () => delete document.body.dataset.searched);
}

// ---- start-up -----------------------------------------------------------------------------------------------

function start() {
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const text = $<HTMLInputElement>('search').value.trim();
    if (text) void search(text);
  });
  initSuggestions();
  watchResults();
  window.addEventListener('hashchange', route);
  route();
  initEntityTools()
    .then(() => document.body.setAttribute('data-ready', 'true'))
    .catch((err: unknown) => {
      // In the entity view's status line, and in a banner every view shows.
      const message = `The explorer could not load its lists: ${(err as Error).message}`;
      $('graph-status').replaceChildren(el('p', { class: 'error' }, message));
      $('app-status').textContent = message;
      $('app-status').hidden = false;
    });
}

start();

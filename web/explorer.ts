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

async function search(text: string) {
  const results = $('results');
  results.replaceChildren(el('li', { class: 'hint' }, 'Searching…'));
  try {
    const d = await gql<{ search: Array<{ score: number; node: { __typename: string; id: string; name: string } }> }>(
      'query Search($text: String!) { search(text: $text, first: 15) { score node { __typename id name } } }',
      { text },
    );
    results.replaceChildren(
      ...(d.search.length
        ? d.search.map((h) => {
            const button = el('button', { type: 'button', 'data-id': h.node.id }, h.node.name);
            button.addEventListener('click', () => void open(h.node.id));
            return el('li', { class: 'result' }, button, el('span', { class: `kind kind-${h.node.__typename}` }, h.node.__typename));
          })
        : [el('li', { class: 'hint' }, `Nothing found for “${text}”.`)]),
    );
  } catch (err) {
    results.replaceChildren(el('li', { class: 'error' }, (err as Error).message));
  }
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

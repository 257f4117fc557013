import { $, el, status } from '../dom.js';
import { allModels, gql } from '../gql.js';
import { chipLegend, COMPARE_COLOURS, legend } from '../legend.js';
import { entityChip, PATH, renderPath, type GraphPath, type PathNode } from '../paths.js';
import { go, remember, type View } from '../route.js';
import { human, type Orientation } from '../vocab.js';

/**
 * Compare two models (modelOverlap): per dimension, what both have and what only one has, with the Jaccard index;
 * and the tenets on which they contradict each other, each with its path.
 */

const DEFAULT = { a: 'cognitive-behavioral-therapy', b: 'psychodynamic-therapy' };

interface Side {
  __typename: string;
  id: string;
  name: string;
  kind: string;
  orientation: Orientation;
}
interface Overlap {
  a: Side;
  b: Side;
  jaccard: number | null;
  dimensions: Array<{ dimension: string; jaccard: number | null; shared: PathNode[]; onlyA: PathNode[]; onlyB: PathNode[] }>;
  disagreements: Array<{ tenetOfA: PathNode; tenetOfB: PathNode; reason: string | null; evidence: string; sources: Array<{ id: string }>; path: GraphPath }>;
}

let built = false;
let shown = '';

const pct = (j: number | null) => (j === null ? '–' : `${Math.round(j * 100)}%`);

function build(root: HTMLElement) {
  const pick = (id: string, label: string) => el('label', {}, label, el('select', { id }));
  const swap = el('button', { type: 'button', id: 'compare-swap', title: 'Swap A and B' }, '⇄');
  const form = el(
    'form',
    { id: 'compare-form', class: 'filters' },
    pick('compare-a', 'Model A '),
    swap,
    pick('compare-b', 'Model B '),
    el('button', { type: 'submit', class: 'primary' }, 'Compare'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    go('compare', { a: $<HTMLSelectElement>('compare-a').value, b: $<HTMLSelectElement>('compare-b').value });
  });
  swap.addEventListener('click', () => go('compare', { a: $<HTMLSelectElement>('compare-b').value, b: $<HTMLSelectElement>('compare-a').value }));
  root.replaceChildren(el('div', { class: 'compare-layout' }, form, el('section', { id: 'compare-out' }, el('p', { class: 'hint' }, 'Choose two models.'))));
}

function sideChip(s: Side, which: 'A' | 'B') {
  const chip = entityChip(s);
  return el(
    'span',
    { class: `side side-${which}` },
    el('span', { class: 'side-letter' }, which),
    chip,
    el('span', { class: 'hint' }, ` ${human(s.kind)} · ${human(s.orientation)}`),
  );
}

function bar(shared: number, onlyA: number, onlyB: number) {
  const total = shared + onlyA + onlyB || 1;
  const part = (n: number, key: keyof typeof COMPARE_COLOURS) => {
    const s = el('span', { title: `${COMPARE_COLOURS[key].label}: ${n}` }, n ? String(n) : '');
    s.style.flexGrow = String(n / total);
    s.style.background = COMPARE_COLOURS[key].colour;
    return s;
  };
  return el('div', { class: 'overlap-bar' }, part(onlyA, 'a'), part(shared, 'shared'), part(onlyB, 'b'));
}

function chips(title: string, nodes: PathNode[], key: keyof typeof COMPARE_COLOURS) {
  const box = el(
    'div',
    { class: `items items-${key}` },
    el('h4', {}, `${title} (${nodes.length})`),
    ...(nodes.length ? nodes.map(entityChip) : [el('span', { class: 'hint' }, 'none')]),
  );
  box.style.setProperty('--c', COMPARE_COLOURS[key].colour);
  return box;
}

function render(o: Overlap) {
  const rows = o.dimensions.map((d) => {
    const details = el(
      'tr',
      { class: 'overlap-items', hidden: '' },
      el(
        'td',
        { colspan: '4' },
        el('div', { class: 'items-row' }, chips('Only in A', d.onlyA, 'a'), chips('Shared', d.shared, 'shared'), chips('Only in B', d.onlyB, 'b')),
      ),
    );
    const toggle = el('button', { type: 'button', class: 'expand', 'aria-expanded': 'false' }, human(d.dimension));
    toggle.addEventListener('click', () => {
      details.hidden = !details.hidden;
      toggle.setAttribute('aria-expanded', String(!details.hidden));
    });
    const row = el(
      'tr',
      { class: 'overlap-row', 'data-dimension': d.dimension },
      el('th', { scope: 'row' }, toggle),
      el('td', { class: 'jaccard' }, pct(d.jaccard)),
      el('td', {}, bar(d.shared.length, d.onlyA.length, d.onlyB.length)),
      el(
        'td',
        { class: 'shared-preview' },
        d.shared
          .slice(0, 4)
          .map((n) => n.name)
          .join(', ') + (d.shared.length > 4 ? `, +${d.shared.length - 4} more` : ''),
      ),
    );
    return [row, details];
  });
  $('compare-out').replaceChildren(
    el(
      'div',
      { class: 'compare-head' },
      sideChip(o.a, 'A'),
      el('span', { class: 'vs' }, 'vs'),
      sideChip(o.b, 'B'),
      el('span', { class: 'overall', title: 'Jaccard index of the pooled profiles' }, `overall overlap ${pct(o.jaccard)}`),
    ),
    legend('Bars', Object.values(COMPARE_COLOURS), { class: 'legend inline' }),
    el(
      'table',
      { id: 'compare', class: 'overlap' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', {}, 'dimension (click for the items)'),
          el('th', {}, 'Jaccard'),
          el('th', {}, 'A only · shared · B only'),
          el('th', {}, 'shared items'),
        ),
      ),
      el('tbody', {}, ...rows.flat()),
    ),
    el('h2', {}, `Contradicting tenets (${o.disagreements.length})`),
    o.disagreements.length
      ? el(
          'ol',
          { id: 'compare-disagreements', class: 'disagreements' },
          ...o.disagreements.map((d) =>
            el(
              'li',
              {},
              el(
                'p',
                { class: 'tenet-pair' },
                el('span', { class: 'side-letter' }, 'A'),
                entityChip(d.tenetOfA),
                el('span', { class: 'clash' }, ' contradicts '),
                el('span', { class: 'side-letter b' }, 'B'),
                entityChip(d.tenetOfB),
              ),
              d.reason ? el('p', {}, d.reason) : '',
              renderPath(d.path),
              el('p', { class: 'cites' }, `${human(d.evidence)} · ${d.sources.map((s) => s.id).join('; ')}`),
            ),
          ),
        )
      : el('p', { class: 'hint' }, 'No tenet of one contradicts a tenet of the other.'),
  );
}

async function compare(a: string, b: string) {
  const out = $('compare-out');
  delete out.dataset.done;
  status(out, 'Comparing…');
  try {
    const N = '__typename id name';
    const d = await gql<{ modelOverlap: Overlap }>(
      `query($a: ID!, $b: ID!) { modelOverlap(a: $a, b: $b) {
        a { ${N} kind orientation } b { ${N} kind orientation } jaccard
        dimensions { dimension jaccard shared { ${N} } onlyA { ${N} } onlyB { ${N} } }
        disagreements { tenetOfA { ${N} } tenetOfB { ${N} } reason evidence sources { id } path { ${PATH} } } } }`,
      { a, b },
    );
    if (shown !== `${a}|${b}`) return;
    render(d.modelOverlap);
    // The dots on the chips mean the kind of entity: say so beside the bars' legend, where a reader looks first.
    out.querySelector('.legend')?.after(chipLegend(out));
    out.dataset.done = 'true';
  } catch (err) {
    status(out, (err as Error).message, 'error');
  }
}

export const compareView: View = {
  async show(args) {
    document.title = 'Compare · ipkg explorer';
    if (!built) {
      build($('view-compare'));
      built = true;
      const models = [...(await allModels())].sort((x, y) => x.name.localeCompare(y.name));
      for (const id of ['compare-a', 'compare-b']) $(id).replaceChildren(...models.map((m) => el('option', { value: m.id }, m.name)));
    }
    const a = args.get('a') ?? DEFAULT.a;
    const b = args.get('b') ?? DEFAULT.b;
    if (!args.get('a') || !args.get('b')) remember('compare', { a, b });
    $<HTMLSelectElement>('compare-a').value = a;
    $<HTMLSelectElement>('compare-b').value = b;
    if (shown === `${a}|${b}`) return;
    shown = `${a}|${b}`;
    await compare(a, b);
  },
};

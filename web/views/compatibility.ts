import { $, el, enumSelect, status } from '../dom.js';
import { allModels, gql, type ModelSummary } from '../gql.js';
import { chipLegend, ORIENTATION_COLOURS, VERDICT_COLOURS, legend, orientationSwatches, type VerdictClass } from '../legend.js';
import { entityChip, PATH, renderPath, type GraphPath } from '../paths.js';
import { href, remember, type View } from '../route.js';
import { CONFLICT_KINDS, MODEL_KINDS, ORIENTATIONS, human, type ConflictKind, type Orientation } from '../vocab.js';

/**
 * The compatibility heat map: every technique (rows) against every base model (columns), from assimilationMatrix,
 * drawn on one canvas with sticky headers. Filters by the technique's family of origin, by base, by verdict; a click
 * on a cell opens its verdict (assimilationCheck) with the conflict paths or the re-reading.
 */

const CELL = 14;
// Small requests, few at a time: each finishes well within the service's query timeout even on a busy machine,
// and the columns fill in as they arrive.
const BASES_PER_REQUEST = 2;
const PARALLEL = 2;

interface Technique {
  id: string;
  name: string;
  originModels: Array<{ orientation: Orientation }>;
}
interface Cell {
  baseModelId: string;
  techniqueId: string;
  compatible: boolean;
  native: boolean;
  reframed: boolean;
  conflictKinds: ConflictKind[];
}

const CLASSES = Object.keys(VERDICT_COLOURS) as VerdictClass[];
const UNKNOWN = 255;

/** One colour per cell: native, then a curated re-reading, then plain compatible; a conflict by its gravest kind. */
export function verdictClass(c: Pick<Cell, 'compatible' | 'native' | 'reframed' | 'conflictKinds'>): VerdictClass {
  if (c.native) return 'native';
  if (!c.compatible) return CONFLICT_KINDS.find((k) => c.conflictKinds.includes(k)) ?? 'MECHANISM_CONTRADICTS_TENET';
  return c.reframed ? 'reframed' : 'compatible';
}

const VERDICT_FILTERS: Record<string, { label: string; test: (v: VerdictClass) => boolean }> = {
  compatible: { label: 'compatible (any)', test: (v) => v === 'native' || v === 'reframed' || v === 'compatible' },
  conflict: { label: 'conflicting (any)', test: (v) => (CONFLICT_KINDS as readonly string[]).includes(v) },
  ...Object.fromEntries(CLASSES.map((c) => [c, { label: VERDICT_COLOURS[c].label.toLowerCase(), test: (v: VerdictClass) => v === c }])),
};

const familyOf = (t: Technique): Orientation | undefined => t.originModels[0]?.orientation;
const RING: readonly Orientation[] = ORIENTATIONS;

let bases: ModelSummary[] = [];
let techniques: Technique[] = [];
let verdicts = new Uint8Array(0); // [technique index * bases + base index] → index into CLASSES, or UNKNOWN
let cols: number[] = []; // visible base indices
let rows: number[] = []; // visible technique indices
let loadedBases = 0;
let selected: { base: string; technique: string } | undefined;
let started = false;
let loading: Promise<void> | undefined;

// ---- filters and the URL ------------------------------------------------------------------------------------

const field = (id: string) => $<HTMLInputElement | HTMLSelectElement>(id);
const FILTERS = { origin: 'mx-origin', family: 'mx-family', kind: 'mx-kind', only: 'mx-only', verdict: 'mx-verdict', q: 'mx-q' } as const;

function filterArgs(): Record<string, string> {
  return Object.fromEntries(Object.entries(FILTERS).map(([k, id]) => [k, field(id).value]));
}

function saveUrl() {
  remember('compatibility', { ...filterArgs(), base: selected?.base, technique: selected?.technique });
}

function applyFilters() {
  const f = filterArgs();
  const q = f.q.trim().toLowerCase();
  cols = bases
    .map((_, i) => i)
    .filter((i) => (!f.family || bases[i].orientation === f.family) && (!f.kind || bases[i].kind === f.kind) && (!f.only || bases[i].id === f.only));
  const test = VERDICT_FILTERS[f.verdict]?.test;
  rows = techniques
    .map((_, i) => i)
    .filter((i) => (!f.origin || familyOf(techniques[i]) === f.origin) && (!q || techniques[i].name.toLowerCase().includes(q)))
    .filter((i) => !test || cols.some((b) => verdicts[i * bases.length + b] !== UNKNOWN && test(CLASSES[verdicts[i * bases.length + b]])));
  render();
}

// ---- drawing ------------------------------------------------------------------------------------------------

function render() {
  const grid = $('matrix-grid');
  grid.style.setProperty('--cols', String(cols.length));
  grid.style.setProperty('--cell', `${CELL}px`);
  $('matrix-cols').replaceChildren(
    ...cols.map((b) => {
      const m = bases[b];
      const a = el(
        'a',
        { href: href('entity', { id: m.id }), title: `${m.name} (${human(m.kind)}, ${human(m.orientation)})`, class: 'mx-col' },
        el('span', {}, m.name),
      );
      a.style.setProperty('--c', ORIENTATION_COLOURS[m.orientation]);
      return a;
    }),
  );
  $('matrix-rows').replaceChildren(
    ...rows.map((t) => {
      const tech = techniques[t];
      const fam = familyOf(tech);
      const a = el(
        'a',
        { href: href('entity', { id: tech.id }), title: `${tech.name}${fam ? ` (from a ${human(fam)} model)` : ''}`, class: 'mx-row' },
        tech.name,
      );
      a.style.setProperty('--c', fam ? ORIENTATION_COLOURS[fam] : '#ccd');
      return a;
    }),
  );
  drawCells();
  const m = $('matrix');
  m.dataset.cellSize = String(CELL);
  m.dataset.rows = String(rows.length);
  m.dataset.cols = String(cols.length);
  $('matrix-empty').hidden = rows.length > 0 && cols.length > 0;
}

function drawCells() {
  const canvas = $<HTMLCanvasElement>('matrix-cells');
  const ratio = window.devicePixelRatio || 1;
  const w = cols.length * CELL;
  const h = rows.length * CELL;
  canvas.width = Math.max(1, w * ratio);
  canvas.height = Math.max(1, h * ratio);
  canvas.style.width = `${w}px`;
  canvas.style.height = `${h}px`;
  const g = canvas.getContext('2d');
  if (!g) return;
  g.scale(ratio, ratio);
  const test = VERDICT_FILTERS[field(FILTERS.verdict).value]?.test;
  let drawn = 0;
  rows.forEach((t, y) => {
    cols.forEach((b, x) => {
      const v = verdicts[t * bases.length + b];
      if (v === UNKNOWN) {
        g.fillStyle = '#eef0f3';
      } else {
        const cls = CLASSES[v];
        g.fillStyle = test && !test(cls) ? '#f3f4f6' : VERDICT_COLOURS[cls].colour;
        drawn++;
      }
      g.fillRect(x * CELL, y * CELL, CELL - 1, CELL - 1);
    });
  });
  if (selected) {
    const x = cols.findIndex((b) => bases[b].id === selected!.base);
    const y = rows.findIndex((t) => techniques[t].id === selected!.technique);
    if (x >= 0 && y >= 0) {
      g.strokeStyle = '#111';
      g.lineWidth = 2;
      g.strokeRect(x * CELL - 1, y * CELL - 1, CELL + 1, CELL + 1);
    }
  }
  $('matrix').dataset.cellCount = String(drawn);
}

function cellAt(e: MouseEvent): { t: number; b: number } | undefined {
  const r = (e.target as HTMLCanvasElement).getBoundingClientRect();
  const x = Math.floor((e.clientX - r.left) / CELL);
  const y = Math.floor((e.clientY - r.top) / CELL);
  if (x < 0 || y < 0 || x >= cols.length || y >= rows.length) return undefined;
  return { t: rows[y], b: cols[x] };
}

function hover(e: MouseEvent) {
  const tip = $('matrix-tip');
  const c = cellAt(e);
  const cross = $('matrix-cross');
  if (!c) {
    tip.hidden = true;
    cross.hidden = true;
    return;
  }
  const v = verdicts[c.t * bases.length + c.b];
  tip.textContent = `${techniques[c.t].name} in ${bases[c.b].name}: ${v === UNKNOWN ? 'loading…' : VERDICT_COLOURS[CLASSES[v]].label}`;
  tip.hidden = false;
  const x = cols.indexOf(c.b);
  const y = rows.indexOf(c.t);
  // Left of the pointer on the right half, so the tip never runs out of the pane.
  const left = x > cols.length / 2;
  tip.style.left = left ? `${x * CELL - 8}px` : `${(x + 1) * CELL + 8}px`;
  tip.style.transform = left ? 'translateX(-100%)' : '';
  tip.style.top = `${y * CELL - 4}px`;
  cross.hidden = false;
  cross.style.setProperty('--x', `${x * CELL}px`);
  cross.style.setProperty('--y', `${y * CELL}px`);
}

// ---- the verdict of one cell --------------------------------------------------------------------------------

interface Verdict {
  technique: { __typename: string; id: string; name: string };
  baseModel: { __typename: string; id: string; name: string };
  compatible: boolean;
  native: boolean;
  explanation: string;
  reframing: string | null;
  reframingPath: GraphPath | null;
  conflicts: Array<{
    kind: ConflictKind;
    reason: string;
    resolvedByReframing: boolean;
    attributes: string[];
    tenet: { name: string };
    mechanism: { name: string } | null;
    path: GraphPath;
  }>;
}

async function openVerdict(base: string, technique: string) {
  selected = { base, technique };
  saveUrl();
  drawCells();
  const out = $('verdict');
  delete out.dataset.done;
  status(out, 'Opening the verdict…');
  try {
    const d = await gql<{ assimilationCheck: Verdict }>(
      `query($base: ID!, $technique: ID!) { assimilationCheck(baseModelId: $base, techniqueId: $technique) {
        technique { __typename id name } baseModel { __typename id name } compatible native explanation reframing reframingPath { ${PATH} }
        conflicts { kind reason resolvedByReframing attributes tenet { name } mechanism { name } path { ${PATH} } } } }`,
      { base, technique },
    );
    if (selected?.base !== base || selected.technique !== technique) return;
    const v = d.assimilationCheck;
    const cls = verdictClass({ ...v, reframed: v.reframing !== null, conflictKinds: v.conflicts.filter((c) => !c.resolvedByReframing).map((c) => c.kind) });
    const badge = el('span', { class: 'verdict-badge' }, VERDICT_COLOURS[cls].label);
    badge.style.setProperty('--c', VERDICT_COLOURS[cls].colour);
    out.replaceChildren(
      el('h2', {}, 'Verdict'),
      el('p', { class: 'verdict-pair' }, entityChip(v.technique), ' into ', entityChip(v.baseModel)),
      badge,
      el('p', {}, v.explanation),
      ...(v.reframing ? [el('h3', {}, 'Re-reading in the base theory'), el('blockquote', {}, v.reframing), renderPath(v.reframingPath)] : []),
      ...(v.conflicts.length
        ? [
            el('h3', {}, `Conflicts (${v.conflicts.length})`),
            el(
              'ol',
              { class: 'conflicts', id: 'verdict-conflicts' },
              ...v.conflicts.map((c) => {
                const kind = el('span', { class: 'verdict-badge small' }, human(c.kind));
                kind.style.setProperty('--c', VERDICT_COLOURS[c.kind].colour);
                return el(
                  'li',
                  { class: c.resolvedByReframing ? 'resolved' : '' },
                  kind,
                  c.resolvedByReframing ? el('span', { class: 'tag' }, 'resolved by the re-reading') : '',
                  el('p', {}, el('strong', {}, `${c.mechanism?.name ?? c.attributes.join(', ')} ↯ ${c.tenet.name}. `), c.reason),
                  renderPath(c.path),
                );
              }),
            ),
          ]
        : []),
    );
    out.append(chipLegend(out));
    out.dataset.done = 'true';
  } catch (err) {
    status(out, (err as Error).message, 'error');
  }
}

// ---- loading ------------------------------------------------------------------------------------------------

async function loadChunk(ids: string[], withTechniques: boolean): Promise<{ techniques?: Technique[]; cells: Cell[] }> {
  const query = `query($bases: [ID!], $withTechniques: Boolean!) { assimilationMatrix(baseModelIds: $bases) {
    techniques @include(if: $withTechniques) { id name originModels { orientation } }
    cells { baseModelId techniqueId compatible native reframed conflictKinds } } }`;
  return (await gql<{ assimilationMatrix: { techniques?: Technique[]; cells: Cell[] } }>(query, { bases: ids, withTechniques }, 5)).assimilationMatrix;
}

function store(cells: Cell[]) {
  const bi = new Map(bases.map((b, i) => [b.id, i]));
  const ti = new Map(techniques.map((t, i) => [t.id, i]));
  for (const c of cells) {
    const b = bi.get(c.baseModelId);
    const t = ti.get(c.techniqueId);
    if (b !== undefined && t !== undefined) verdicts[t * bases.length + b] = CLASSES.indexOf(verdictClass(c));
  }
}

async function load() {
  const started = performance.now();
  const models = await allModels();
  // Columns by family (in the enum's order), then schools before integrative and specific models, then name.
  bases = [...models].sort(
    (a, b) =>
      RING.indexOf(a.orientation) - RING.indexOf(b.orientation) || MODEL_KINDS.indexOf(a.kind) - MODEL_KINDS.indexOf(b.kind) || a.name.localeCompare(b.name),
  );
  fillOnly();
  const ids = bases.map((b) => b.id);
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += BASES_PER_REQUEST) chunks.push(ids.slice(i, i + BASES_PER_REQUEST));
  const first = await loadChunk(chunks[0], true);
  techniques = (first.techniques ?? []).sort(
    (a, b) => RING.indexOf(familyOf(a) ?? 'INTEGRATIVE') - RING.indexOf(familyOf(b) ?? 'INTEGRATIVE') || a.name.localeCompare(b.name),
  );
  verdicts = new Uint8Array(techniques.length * bases.length).fill(UNKNOWN);
  store(first.cells);
  loadedBases = chunks[0].length;
  const progress = () => status('matrix-status', `Loaded ${loadedBases} of ${bases.length} base models…`);
  progress();
  applyFilters();
  const failed: string[] = [];
  let next = 1;
  const worker = async () => {
    while (next < chunks.length) {
      const chunk = chunks[next++];
      try {
        store((await loadChunk(chunk, false)).cells);
      } catch {
        failed.push(...chunk);
      }
      loadedBases += chunk.length;
      progress();
      applyFilters();
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const m = $('matrix');
  m.dataset.loaded = 'true';
  m.dataset.seconds = seconds;
  if (failed.length) status('matrix-status', `${failed.length} base models could not be loaded (the service was too busy); reload to retry.`, 'error');
  else
    status('matrix-status', `${techniques.length} techniques × ${bases.length} base models, loaded in ${seconds} s. Click a cell for its verdict and paths.`);
}

function fillOnly() {
  const only = field(FILTERS.only) as HTMLSelectElement;
  const keep = only.value;
  only.replaceChildren(
    el('option', { value: '' }, 'all'),
    ...[...bases].sort((a, b) => a.name.localeCompare(b.name)).map((b) => el('option', { value: b.id }, b.name)),
  );
  only.value = keep;
}

// ---- the view -----------------------------------------------------------------------------------------------

function build(root: HTMLElement) {
  const label = (text: string, control: HTMLElement) => el('label', {}, text, control);
  const verdict = el(
    'select',
    { id: FILTERS.verdict },
    el('option', { value: '' }, 'any'),
    ...Object.entries(VERDICT_FILTERS).map(([k, f]) => el('option', { value: k }, f.label)),
  );
  const filters = el(
    'form',
    { id: 'matrix-filters', class: 'filters' },
    label('Technique from ', enumSelect(FILTERS.origin, ORIENTATIONS, human, 'any family')),
    label('Technique name ', el('input', { id: FILTERS.q, type: 'search', placeholder: 'filter…', size: '12' })),
    label('Base family ', enumSelect(FILTERS.family, ORIENTATIONS, human, 'any family')),
    label('Base kind ', enumSelect(FILTERS.kind, MODEL_KINDS, human, 'any kind')),
    label('Base model ', el('select', { id: FILTERS.only }, el('option', { value: '' }, 'all'))),
    label('Verdict ', verdict),
  );
  filters.addEventListener('submit', (e) => e.preventDefault());
  filters.addEventListener('input', () => {
    applyFilters();
    saveUrl();
  });
  const canvas = el('canvas', { id: 'matrix-cells', class: 'mx-cells', 'aria-label': 'Verdict cells: technique rows, base model columns' });
  canvas.addEventListener('mousemove', hover);
  canvas.addEventListener('mouseleave', () => {
    $('matrix-tip').hidden = true;
    $('matrix-cross').hidden = true;
  });
  canvas.addEventListener('click', (e) => {
    const c = cellAt(e);
    if (c) void openVerdict(bases[c.b].id, techniques[c.t].id);
  });
  const grid = el(
    'div',
    { id: 'matrix-grid', class: 'mx-grid' },
    el('div', { class: 'mx-corner' }, el('span', {}, 'technique ↓  base model →')),
    el('div', { id: 'matrix-cols', class: 'mx-cols' }),
    el('div', { id: 'matrix-rows', class: 'mx-rows' }),
    el(
      'div',
      { class: 'mx-body' },
      canvas,
      el('div', { id: 'matrix-cross', class: 'mx-cross', hidden: '' }),
      el('div', { id: 'matrix-tip', class: 'mx-tip', hidden: '' }),
    ),
  );
  root.replaceChildren(
    el(
      'section',
      { class: 'matrix-pane' },
      filters,
      el('div', { id: 'matrix-status', class: 'hint' }, 'Loading the matrix…'),
      el(
        'div',
        { id: 'matrix', 'data-cell-count': '0' },
        grid,
        el('p', { id: 'matrix-empty', class: 'hint', hidden: '' }, 'No technique matches these filters.'),
      ),
    ),
    el(
      'aside',
      { class: 'view-side' },
      el(
        'section',
        { id: 'verdict' },
        el('h2', {}, 'Verdict'),
        el('p', { class: 'hint' }, 'Click a cell to see why the technique fits the base model or contradicts it, with the paths in the graph.'),
      ),
      legend(
        'Verdict (cell colour)',
        CLASSES.map((c) => VERDICT_COLOURS[c]),
        { id: 'matrix-legend' },
      ),
      legend('Family (row and column marks)', orientationSwatches('cell')),
    ),
  );
}

export const compatibilityView: View = {
  async show(args) {
    document.title = 'Compatibility · ipkg explorer';
    if (!started) {
      build($('view-compatibility'));
      started = true;
    }
    for (const [k, id] of Object.entries(FILTERS)) {
      const v = args.get(k) ?? '';
      if (field(id).value !== v) {
        if (id === FILTERS.only && v && !bases.length) field(id).append(el('option', { value: v }, v));
        field(id).value = v;
      }
    }
    const base = args.get('base');
    const technique = args.get('technique');
    if (base && technique && (selected?.base !== base || selected.technique !== technique)) void openVerdict(base, technique);
    if (techniques.length) applyFilters();
    // One load per page; a failed one is tried again on the next visit.
    loading ??= load().catch((err: unknown) => {
      loading = undefined;
      status('matrix-status', (err as Error).message, 'error');
    });
    await loading;
  },
};

import cytoscape, { type Core, type NodeSingular } from 'cytoscape';
import { $, el, status } from '../dom.js';
import { allModels, type ModelSummary } from '../gql.js';
import { KIND_SHAPES, ORIENTATION_COLOURS, legend, orientationSwatches } from '../legend.js';
import { go, href, type View } from '../route.js';
import { human, type Orientation } from '../vocab.js';

/**
 * The landing view: every model on one map. Schools sit on a ring, grouped by family; specific treatments sit
 * just outside the school they derive from; integrative models sit inside the ring, each pulled towards the models
 * it integrates, so a model that joins opposite families lands near the middle. Hover shows what a model
 * integrates (the roles stay off the canvas so labels never pile up); a click opens the model.
 */

// Neighbouring families sit side by side on the ring (depth psychology → experiential → systems → learning).
const RING: Orientation[] = ['PSYCHODYNAMIC', 'HUMANISTIC', 'EXISTENTIAL', 'CONSTRUCTIVIST', 'SYSTEMIC', 'BEHAVIORAL', 'COGNITIVE', 'INTEGRATIVE'];
const RX = 520; // the ring is an ellipse: the canvas is wider than tall
const RY = 340;
const OUTER = 1.3; // specific treatments, relative to the ring
const GAP = 0.9; // between two families, in specific-treatment widths
const SCHOOL_WIDTH = 1.8;

interface Point {
  x: number;
  y: number;
}

// The ellipse by arc length, so models along the ring are evenly spaced on screen, not in angle.
const SAMPLES = 720;
const arc: number[] = [0];
for (let i = 1; i <= SAMPLES; i++) {
  const [a0, a1] = [((i - 1) / SAMPLES) * 2 * Math.PI - Math.PI / 2, (i / SAMPLES) * 2 * Math.PI - Math.PI / 2];
  arc.push(arc[i - 1] + Math.hypot(RX * (Math.cos(a1) - Math.cos(a0)), RY * (Math.sin(a1) - Math.sin(a0))));
}
/** The ellipse parameter at a fraction of the perimeter, measured clockwise from the top. */
function paramAt(fraction: number): number {
  const target = (((fraction % 1) + 1) % 1) * arc[SAMPLES];
  let lo = 0;
  let hi = SAMPLES;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (arc[mid] < target) lo = mid;
    else hi = mid;
  }
  const f = (target - arc[lo]) / (arc[hi] - arc[lo] || 1);
  return ((lo + f) / SAMPLES) * 2 * Math.PI - Math.PI / 2;
}
const onRing = (param: number, scale = 1): Point => ({ x: Math.cos(param) * RX * scale, y: Math.sin(param) * RY * scale });

/** Positions every model; deterministic, so a shared link shows the same picture. */
export function layoutModels(models: ModelSummary[]): Map<string, Point> {
  const byId = new Map(models.map((m) => [m.id, m]));
  const param = new Map<string, number>();
  const pos = new Map<string, Point>();
  const family = (o: Orientation) => RING.indexOf(o);
  const rim = models.filter((m) => m.kind !== 'INTEGRATIVE');
  const schools = rim.filter((m) => m.kind === 'SCHOOL');
  const specifics = rim.filter((m) => m.kind === 'SPECIFIC');
  // Each family gets a stretch of the ring as long as its larger row, plus a gap, so families read as groups.
  // A school's label is larger than a specific treatment's, so it needs more room.
  const width = RING.map((o) =>
    Math.max(SCHOOL_WIDTH * schools.filter((m) => m.orientation === o).length, specifics.filter((m) => m.orientation === o).length),
  );
  const total = width.reduce((a, b) => a + b, 0) + width.filter((w) => w > 0).length * GAP;
  let start = -width[0] / 2 / total;
  const sector = RING.map((_, i) => {
    const s = { from: start, span: width[i] / total };
    if (width[i]) start += s.span + GAP / total;
    return s;
  });
  const spread = (ms: ModelSummary[], i: number, scale: number) =>
    ms.forEach((m, k) => {
      const p = paramAt(sector[i].from + (sector[i].span * (k + 0.5)) / ms.length);
      param.set(m.id, p);
      pos.set(m.id, onRing(p, scale));
    });
  RING.forEach((o, i) => {
    const ss = schools.filter((m) => m.orientation === o).sort((a, b) => (a.year ?? 9999) - (b.year ?? 9999) || a.name.localeCompare(b.name));
    spread(ss, i, 1);
  });
  // Specific treatments follow their parent's place within their family's stretch.
  const unwrap = (p: number, i: number) => {
    const mid = paramAt(sector[i].from + sector[i].span / 2);
    return p - Math.round((p - mid) / (2 * Math.PI)) * 2 * Math.PI;
  };
  const parentParam = (m: ModelSummary, i: number) => {
    const p = m.derivesFrom.map((d) => param.get(d.id)).find((a) => a !== undefined);
    return p === undefined ? 0 : unwrap(p, i);
  };
  RING.forEach((o, i) =>
    spread(
      specifics.filter((m) => m.orientation === o).sort((a, b) => parentParam(a, i) - parentParam(b, i) || a.name.localeCompare(b.name)),
      i,
      OUTER,
    ),
  );

  // Integrative models: the mean direction of what they integrate (and derive from); a wide spread pulls inwards.
  const inner = models.filter((m) => m.kind === 'INTEGRATIVE').sort((a, b) => a.id.localeCompare(b.id));
  for (const m of inner) {
    const linked = [...m.integrates.map((i) => i.model.id), ...m.derivesFrom.map((d) => d.id)].filter((id) => byId.has(id) && param.has(id));
    let p: number;
    let r: number;
    if (linked.length) {
      const x = linked.reduce((s, id) => s + Math.cos(param.get(id)!), 0) / linked.length;
      const y = linked.reduce((s, id) => s + Math.sin(param.get(id)!), 0) / linked.length;
      p = Math.atan2(y, x);
      r = 0.15 + 0.5 * Math.hypot(x, y);
    } else {
      // Unlinked: towards its own family's stretch, halfway in; integrative-family ones near the middle.
      const s = sector[family(m.orientation)];
      p = paramAt(s.from + s.span / 2);
      r = m.orientation === 'INTEGRATIVE' ? 0.2 : 0.5;
    }
    pos.set(m.id, onRing(p, r));
  }
  // Keep integrative models inside the ring, then clear every label from every other.
  for (const m of inner) {
    const p = pos.get(m.id)!;
    const k = Math.hypot(p.x / RX, p.y / RY);
    if (k > 0.8) pos.set(m.id, { x: (p.x * 0.8) / k, y: (p.y * 0.8) / k });
  }
  separate(models.map((m) => ({ p: pos.get(m.id)!, ...labelBox(m), mobility: m.kind === 'INTEGRATIVE' ? 1 : 0.25 })));
  return pos;
}

/** How each kind's label is set; the layout reserves room for it. */
const TEXT: Record<ModelSummary['kind'], { font: number; width: number; weight: 'bold' | 'normal' }> = {
  SCHOOL: { font: 16, width: 130, weight: 'bold' },
  INTEGRATIVE: { font: 14, width: 120, weight: 'normal' },
  SPECIFIC: { font: 13, width: 120, weight: 'normal' },
};

interface Box {
  p: Point;
  /** half the width; the extent above and below the node's centre */
  half: number;
  up: number;
  down: number;
  mobility: number;
}

/** The node and its label below it, from an estimate of the text's width (no canvas needed, so it stays pure). */
function labelBox(m: ModelSummary): Omit<Box, 'p' | 'mobility'> {
  const t = TEXT[m.kind];
  const size = KIND_SHAPES[m.kind].size;
  const charW = t.font * (t.weight === 'bold' ? 0.62 : 0.56);
  let lines = 1;
  let line = 0;
  let widest = 0;
  for (const word of m.name.split(' ')) {
    const w = word.length * charW;
    if (line && line + charW + w > t.width) {
      lines++;
      widest = Math.max(widest, line);
      line = w;
    } else line += (line ? charW : 0) + w;
  }
  widest = Math.max(widest, line);
  return { half: Math.max(size, Math.min(widest, t.width)) / 2, up: size / 2, down: size / 2 + 4 + lines * t.font * 1.2 };
}

/** Pushes overlapping boxes apart along the axis where they overlap least, the more mobile one further. */
export function separate(boxes: Box[], pad = 10): void {
  for (let round = 0; round < 400; round++) {
    let moved = false;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        const ox = a.half + b.half + pad - Math.abs(a.p.x - b.p.x);
        const oy = Math.min(a.p.y + a.down, b.p.y + b.down) - Math.max(a.p.y - a.up, b.p.y - b.up) + pad;
        if (ox <= 0 || oy <= 0) continue;
        const share = a.mobility / (a.mobility + b.mobility);
        if (ox < oy) {
          const dir = a.p.x < b.p.x ? -1 : 1;
          a.p.x += dir * ox * share * 0.6;
          b.p.x -= dir * ox * (1 - share) * 0.6;
        } else {
          const dir = a.p.y < b.p.y ? -1 : 1;
          a.p.y += dir * oy * share * 0.6;
          b.p.y -= dir * oy * (1 - share) * 0.6;
        }
        moved = true;
      }
    }
    if (!moved) return;
  }
}

let cy: Core | undefined;
let loaded = false;

function build(root: HTMLElement) {
  const toggles = el(
    'fieldset',
    { class: 'toggles' },
    el('legend', {}, 'Show'),
    el('label', {}, el('input', { type: 'checkbox', id: 'map-show-integrates', checked: '' }), ' integrates'),
    el('label', {}, el('input', { type: 'checkbox', id: 'map-show-derives', checked: '' }), ' derives from'),
  );
  const side = el(
    'aside',
    { class: 'view-side', id: 'map-side' },
    el('h2', {}, 'The landscape of models'),
    el('div', { id: 'map-status', class: 'hint' }, 'Loading the models…'),
    el(
      'p',
      { class: 'hint' },
      'Schools on the ring by family, specific treatments just outside their school, integrative models inside, pulled towards what they integrate. Hover for links; click to open.',
    ),
    legend('Family (orientation)', orientationSwatches(), { id: 'map-legend' }),
    legend(
      'Kind',
      Object.values(KIND_SHAPES).map((k) => ({ label: k.label, colour: '#8a929a', shape: k.swatch })),
    ),
    legend('Links', [
      { label: 'integrates (arrow to the model integrated)', colour: '#5b6770', shape: 'line' },
      { label: 'derives from (arrow to the parent)', colour: '#a3abb3', shape: 'dashed' },
    ]),
    toggles,
    el('div', { id: 'map-hover', class: 'hover-card' }),
    el('details', { class: 'map-index' }, el('summary', {}, 'Every model, by family'), el('div', { id: 'map-index' })),
  );
  root.replaceChildren(el('section', { class: 'canvas-pane' }, el('div', { id: 'map', 'aria-label': 'Map of therapy models', 'data-node-count': '0' })), side);
}

function hoverCard(m: ModelSummary | undefined, byId: Map<string, ModelSummary>) {
  const card = $('map-hover');
  if (!m) {
    card.replaceChildren();
    return;
  }
  const name = (id: string) => byId.get(id)?.name ?? id;
  card.replaceChildren(
    el('h3', {}, m.name),
    el('p', { class: 'hint' }, `${KIND_SHAPES[m.kind].label} · ${human(m.orientation)}${m.year ? ` · ${m.year}` : ''}`),
    m.integrates.length ? el('p', {}, el('strong', {}, 'Integrates: ')) : '',
    m.integrates.length ? el('ul', { class: 'roles' }, ...m.integrates.map((i) => el('li', {}, el('strong', {}, name(i.model.id)), ` — ${i.role}`))) : '',
    m.derivesFrom.length ? el('p', {}, el('strong', {}, 'Derives from: '), m.derivesFrom.map((d) => name(d.id)).join(', ')) : '',
  );
}

/**
 * The map as text: every model by family, as links. Hovering one lights it up on the canvas; each carries its
 * node's on-screen position (kept current on pan and zoom) so a test can click the node itself.
 */
function index(models: ModelSummary[], c: Core) {
  const links = new Map<string, HTMLAnchorElement>();
  const groups = RING.map((o) => {
    const ms = models.filter((m) => m.orientation === o).sort((a, b) => a.name.localeCompare(b.name));
    if (!ms.length) return '';
    const items = ms.map((m) => {
      const a = el('a', { href: href('entity', { id: m.id }), 'data-id': m.id }, m.name);
      a.addEventListener('mouseenter', () => c.getElementById(m.id).emit('mouseover'));
      a.addEventListener('mouseleave', () => c.getElementById(m.id).emit('mouseout'));
      links.set(m.id, a);
      return el('li', {}, a);
    });
    const heading = el('h4', {}, human(o));
    heading.style.setProperty('--c', ORIENTATION_COLOURS[o]);
    return el('div', {}, heading, el('ul', {}, ...items));
  });
  $('map-index').replaceChildren(...groups);
  const place = () =>
    c.nodes().forEach((n) => {
      const p = n.renderedPosition();
      const a = links.get(n.id());
      if (a) {
        a.dataset.x = String(Math.round(p.x));
        a.dataset.y = String(Math.round(p.y));
      }
    });
  place();
  c.on('viewport resize', place);
}

async function draw() {
  const models = await allModels();
  const byId = new Map(models.map((m) => [m.id, m]));
  const pos = layoutModels(models);
  const edges = [
    ...models.flatMap((m) =>
      m.integrates
        .filter((i) => byId.has(i.model.id))
        .map((i) => ({
          data: {
            id: `${m.id}|INTEGRATES|${i.model.id}`,
            source: m.id,
            target: i.model.id,
            type: 'INTEGRATES',
            role: i.role,
            colour: ORIENTATION_COLOURS[m.orientation],
          },
        })),
    ),
    ...models.flatMap((m) =>
      m.derivesFrom
        .filter((d) => byId.has(d.id))
        .map((d) => ({ data: { id: `${m.id}|DERIVES_FROM|${d.id}`, source: m.id, target: d.id, type: 'DERIVES_FROM', role: 'derives from' } })),
    ),
  ];
  const container = $('map');
  cy?.destroy();
  cy = cytoscape({
    container,
    elements: [
      ...models.map((m) => ({
        data: {
          id: m.id,
          label: m.name,
          kind: m.kind,
          colour: ORIENTATION_COLOURS[m.orientation],
          shape: KIND_SHAPES[m.kind].shape,
          size: KIND_SHAPES[m.kind].size,
        },
        position: pos.get(m.id)!,
      })),
      ...edges,
    ],
    layout: { name: 'preset', fit: true, padding: 30 },
    wheelSensitivity: 0.3,
    minZoom: 0.3,
    maxZoom: 3,
    style: [
      {
        selector: 'node',
        style: {
          'background-color': 'data(colour)',
          shape: 'data(shape)' as unknown as 'ellipse',
          width: 'data(size)',
          height: 'data(size)',
          label: 'data(label)',
          'font-size': (n: NodeSingular) => TEXT[n.data('kind') as ModelSummary['kind']].font,
          'font-weight': (n: NodeSingular) => TEXT[n.data('kind') as ModelSummary['kind']].weight,
          color: '#1d2733',
          'text-wrap': 'wrap',
          'text-max-width': (n: NodeSingular) => `${TEXT[n.data('kind') as ModelSummary['kind']].width}px`,
          'text-valign': 'bottom',
          'text-margin-y': 4,
          'text-background-color': '#ffffff',
          'text-background-opacity': 0.75,
          'text-background-padding': '1px',
          'border-width': 2,
          'border-color': '#ffffff',
        },
      },
      { selector: 'node[kind = "SPECIFIC"]', style: { color: '#3c4650' } },
      {
        selector: 'edge',
        style: {
          width: 1.2,
          'line-color': '#b5bcc3',
          'target-arrow-color': '#b5bcc3',
          'target-arrow-shape': 'triangle',
          'arrow-scale': 0.8,
          'curve-style': 'bezier',
          'line-style': 'dashed',
          opacity: 0.8,
        },
      },
      {
        selector: 'edge[type = "INTEGRATES"]',
        style: { width: 1.6, 'line-color': '#6f7c88', 'target-arrow-color': '#6f7c88', 'line-style': 'solid', opacity: 0.45 },
      },
      { selector: 'edge[type = "INTEGRATES"].lit', style: { 'line-color': 'data(colour)', 'target-arrow-color': 'data(colour)' } },
      { selector: '.faded', style: { opacity: 0.12 } },
      { selector: 'node.lit', style: { 'border-color': '#1d2733', 'border-width': 3, 'z-index': 10 } },
      { selector: 'edge.lit', style: { opacity: 1, width: 3, 'z-index': 9 } },
      // An edge's role shows only while the pointer is on that edge: one label at a time never overlaps.
      {
        selector: 'edge.hl',
        style: {
          opacity: 1,
          width: 3,
          label: 'data(role)',
          'font-size': 12,
          'text-rotation': 'autorotate',
          'text-background-color': '#fff',
          'text-background-opacity': 0.95,
          'text-background-padding': '2px',
          'text-wrap': 'wrap',
          'text-max-width': '260px',
          color: '#222',
          'z-index': 11,
        },
      },
      { selector: '.hidden', style: { display: 'none' } },
    ],
  });
  const c = cy;
  c.on('mouseover', 'node', (evt) => {
    const n = evt.target as NodeSingular;
    const hood = n.closedNeighborhood();
    c.elements().not(hood).addClass('faded');
    hood.addClass('lit');
    hoverCard(byId.get(n.id()), byId);
  });
  c.on('mouseout', 'node', () => {
    c.elements().removeClass('faded lit');
    hoverCard(undefined, byId);
  });
  c.on('mouseover', 'edge', (evt) => (evt.target as cytoscape.EdgeSingular).addClass('hl'));
  c.on('mouseout', 'edge', (evt) => (evt.target as cytoscape.EdgeSingular).removeClass('hl'));
  c.on('tap', 'node', (evt) => go('entity', { id: (evt.target as NodeSingular).id() }));
  index(models, c);
  // The pane changes width when search results open beside it: keep the whole landscape in view.
  let size = `${container.clientWidth}x${container.clientHeight}`;
  new ResizeObserver(() => {
    const now = `${container.clientWidth}x${container.clientHeight}`;
    if (now === size || !container.clientWidth) return;
    size = now;
    c.resize();
    c.fit(undefined, 30);
  }).observe(container);
  const toggle = (id: string, type: string) =>
    $<HTMLInputElement>(id).addEventListener('change', (e) => c.edges(`[type = "${type}"]`).toggleClass('hidden', !(e.target as HTMLInputElement).checked));
  toggle('map-show-integrates', 'INTEGRATES');
  toggle('map-show-derives', 'DERIVES_FROM');
  container.dataset.nodeCount = String(models.length);
  container.dataset.edgeCount = String(edges.length);
  const count = (k: string) => models.filter((m) => m.kind === k).length;
  status(
    'map-status',
    `${count('SCHOOL')} schools, ${count('INTEGRATIVE')} integrative and third-wave models, ${count('SPECIFIC')} specific treatments; ${edges.filter((e) => e.data.type === 'INTEGRATES').length} integration links.`,
  );
}

export const mapView: View = {
  async show() {
    document.title = 'Map of models · ipkg explorer';
    // Back on the map: the canvas was hidden, so it relearns its size.
    if (loaded) return void cy?.resize();
    const root = $('view-map');
    build(root);
    loaded = true;
    try {
      await draw();
      root.dataset.ready = 'true';
    } catch (err) {
      loaded = false;
      status('map-status', (err as Error).message, 'error');
    }
  },
};

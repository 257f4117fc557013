import cytoscape, { type Core } from 'cytoscape';
import { RISK_FLAGS } from '../src/seed/kinds.js';
import './explorer.css';

/**
 * The explorer: search, a neighbourhood graph, a side panel with the open entity's description, sources and
 * evidence, and two tools (assimilation, plan check). Plain DOM and the public GraphQL API, nothing else.
 */

interface Errorish {
  message: string;
}

async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: T; errors?: Errorish[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data as T;
}

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

/** Builds an element; text goes in as text, never as HTML, so graph content cannot inject markup. */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

const KIND_COLOURS: Record<string, string> = {
  Model: '#3b6fb6',
  Technique: '#2e9e6b',
  Tenet: '#c2543f',
  Mechanism: '#8e5bb5',
  Modality: '#d49a1f',
  CommonFactor: '#1f9fb4',
  Contraindication: '#b03060',
  Phase: '#6c757d',
  Domain: '#7a6a4f',
  IntegrationStrategy: '#4f7a2a',
  ProcessOfChange: '#5b6bb5',
  StageOfChange: '#5b8bb5',
  ClientFactor: '#a0522d',
  TherapeuticFactor: '#2a7a7a',
};

const DESCRIBED = Object.keys(KIND_COLOURS);
const ENTITY_QUERY = `query Entity($id: ID!) {
  node(id: $id) {
    __typename id name
    ... on Sourced { evidence sources { id citation } }
    ${DESCRIBED.map((t) => `... on ${t} { description aliases }`).join('\n    ')}
    ... on Source { citation }
  }
}`;

interface Entity {
  __typename: string;
  id: string;
  name: string;
  description?: string;
  aliases?: string[];
  evidence?: string;
  citation?: string;
  sources?: Array<{ id: string; citation: string }>;
}

interface Hood {
  neighborhood: {
    truncated: boolean;
    nodes: Array<{ distance: number; node: { __typename: string; id: string; name: string } }>;
    edges: Array<{ id: string; fromId: string; toId: string; type: string }>;
  };
}

let cy: Core | undefined;
let current: Entity | undefined;

function status(id: string, message: string, kind: 'hint' | 'error' = 'hint') {
  $(id).replaceChildren(el('p', { class: kind }, message));
}

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

// ---- opening an entity: details and graph -------------------------------------------------------------------

async function open(id: string) {
  const depth = Number($<HTMLSelectElement>('depth').value);
  status('graph-status', 'Loading…');
  try {
    const [entity, hood] = await Promise.all([
      gql<{ node: Entity | null }>(ENTITY_QUERY, { id }),
      gql<Hood>(
        'query Hood($id: ID!, $depth: Int) { neighborhood(id: $id, depth: $depth) { truncated nodes { distance node { __typename id name } } edges { id fromId toId type } } }',
        { id, depth },
      ),
    ]);
    if (!entity.node) throw new Error(`No entity with id "${id}"`);
    current = entity.node;
    showDetails(entity.node);
    draw(id, hood.neighborhood);
    history.replaceState(null, '', `#${encodeURIComponent(id)}`);
  } catch (err) {
    status('graph-status', (err as Error).message, 'error');
  }
}

function showDetails(e: Entity) {
  const parts: Node[] = [el('h2', {}, e.name), el('p', { class: `kind kind-${e.__typename}` }, e.__typename)];
  if (e.aliases?.length) parts.push(el('p', { class: 'aliases' }, `Also: ${e.aliases.join(', ')}`));
  if (e.description) parts.push(el('p', { class: 'description' }, e.description));
  if (e.citation) parts.push(el('p', { class: 'description' }, e.citation));
  if (e.evidence) parts.push(el('p', { class: 'evidence' }, 'Evidence: ', el('strong', {}, e.evidence.replace(/_/g, ' ').toLowerCase())));
  if (e.sources?.length) {
    parts.push(el('h3', {}, 'Sources'), el('ul', { class: 'sources' }, ...e.sources.map((s) => el('li', {}, s.citation))));
  }
  $('details').replaceChildren(...parts);
}

function draw(centerId: string, hood: Hood['neighborhood']) {
  const graph = $('graph');
  const elements = [
    ...hood.nodes.map((n) => ({ data: { id: n.node.id, label: n.node.name, kind: n.node.__typename, distance: n.distance } })),
    ...hood.edges.map((e) => ({ data: { id: e.id, source: e.fromId, target: e.toId, label: e.type } })),
  ];
  cy?.destroy();
  cy = cytoscape({
    container: graph,
    elements,
    wheelSensitivity: 0.3,
    style: [
      {
        selector: 'node',
        style: {
          'background-color': (n: cytoscape.NodeSingular) => KIND_COLOURS[n.data('kind') as string] ?? '#999',
          label: 'data(label)',
          'font-size': 9,
          'text-wrap': 'ellipsis',
          'text-max-width': '110px',
          'text-valign': 'bottom',
          'text-margin-y': 3,
          width: 16,
          height: 16,
        },
      },
      { selector: `node[id = "${centerId.replace(/"/g, '')}"]`, style: { width: 30, height: 30, 'font-size': 12, 'font-weight': 'bold', 'border-width': 3, 'border-color': '#222' } },
      {
        selector: 'edge',
        // Edge types show once zoomed in: at full view they would bury the graph in text.
        style: { width: 1, 'line-color': '#bbb', 'target-arrow-color': '#bbb', 'target-arrow-shape': 'triangle', 'arrow-scale': 0.6, 'curve-style': 'bezier', label: 'data(label)', 'font-size': 6, color: '#888', 'text-rotation': 'autorotate', 'min-zoomed-font-size': 9 },
      },
    ],
    // Rings by distance from the centre: the neighbourhood reads outwards, and the layout is deterministic.
    layout: { name: 'concentric', concentric: (n: cytoscape.NodeSingular) => 10 - Number(n.data('distance')), levelWidth: () => 1, minNodeSpacing: 12, animate: false },
  });
  cy.on('tap', 'node', (evt) => void open(evt.target.id() as string));
  graph.dataset.nodeCount = String(hood.nodes.length);
  graph.dataset.edgeCount = String(hood.edges.length);
  graph.dataset.center = centerId;
  status('graph-status', `${hood.nodes.length - 1} neighbours, ${hood.edges.length} relationships${hood.truncated ? ' (truncated)' : ''}. Click a node to open it.`);
}

// ---- tool: assimilate into… ---------------------------------------------------------------------------------

interface Verdict {
  technique: { id: string; name: string };
  compatible: boolean;
  native: boolean;
  explanation: string;
  reframing: string | null;
  conflicts: Array<{ reason: string; resolvedByReframing: boolean; tenet: { name: string }; mechanism: { name: string } }>;
}
const VERDICT = 'technique { id name } compatible native explanation reframing conflicts { reason resolvedByReframing tenet { name } mechanism { name } }';

async function candidates(): Promise<string[] | null> {
  if (current?.__typename === 'Technique') return [current.id];
  if (current?.__typename === 'Model') {
    const d = await gql<{ model: { techniques: Array<{ id: string }> } }>('query($id: ID!) { model(id: $id) { techniques { id } } }', { id: current.id });
    return d.model.techniques.map((t) => t.id).slice(0, 20);
  }
  return null;
}

async function assimilate() {
  const base = $<HTMLSelectElement>('base-model').value;
  const out = $('assimilation-result');
  delete out.dataset.done;
  status('assimilation-result', 'Checking…');
  try {
    const ids = await candidates();
    let verdicts: Verdict[];
    if (ids === null) {
      verdicts = (await gql<{ assimilableTechniques: Verdict[] }>(`query($base: ID!) { assimilableTechniques(baseModelId: $base, first: 15) { ${VERDICT} } }`, { base })).assimilableTechniques;
    } else {
      // One request: an aliased assimilationCheck per candidate technique.
      const vars = Object.fromEntries(ids.map((id, i) => [`t${i}`, id]));
      const query = `query(${['$base: ID!', ...ids.map((_, i) => `$t${i}: ID!`)].join(', ')}) {\n${ids.map((_, i) => `v${i}: assimilationCheck(baseModelId: $base, techniqueId: $t${i}) { ${VERDICT} }`).join('\n')}\n}`;
      verdicts = Object.values(await gql<Record<string, Verdict>>(query, { base, ...vars }));
    }
    const item = (v: Verdict) =>
      el(
        'li',
        { class: v.compatible ? 'compatible' : 'conflicting' },
        el('strong', {}, v.technique.name),
        v.native ? el('span', { class: 'tag' }, 'native') : '',
        el('p', {}, v.explanation),
        ...v.conflicts.map((c) => el('p', { class: 'reason' }, `${c.mechanism.name} ↯ ${c.tenet.name}: ${c.reason}${c.resolvedByReframing ? ' (resolved by re-reading)' : ''}`)),
      );
    const ok = verdicts.filter((v) => v.compatible);
    const bad = verdicts.filter((v) => !v.compatible);
    out.replaceChildren(
      el('h3', {}, `Compatible (${ok.length})`),
      el('ul', { class: 'verdicts', id: 'compatible' }, ...ok.map(item)),
      el('h3', {}, `Conflicting (${bad.length})`),
      el('ul', { class: 'verdicts', id: 'conflicting' }, ...bad.map(item)),
    );
    out.dataset.done = 'true';
  } catch (err) {
    status('assimilation-result', (err as Error).message, 'error');
  }
}

// ---- tool: check a plan -------------------------------------------------------------------------------------

const steps: Array<{ id: string; name: string }> = [];

function renderSteps() {
  $('plan-steps').replaceChildren(
    ...steps.map((s, i) => {
      const remove = el('button', { type: 'button', class: 'remove', 'aria-label': `Remove ${s.name}` }, '×');
      remove.addEventListener('click', () => {
        steps.splice(i, 1);
        renderSteps();
      });
      return el('li', {}, s.name, remove);
    }),
  );
}

async function checkPlan() {
  const risks = [...document.querySelectorAll<HTMLInputElement>('#risks input:checked')].map((i) => i.value);
  const out = $('plan-result');
  delete out.dataset.done;
  status('plan-result', 'Checking…');
  try {
    const V = 'kind stepIndex message technique { name }';
    const d = await gql<{ validatePlan: { valid: boolean; explanation: string; violations: Array<{ kind: string; stepIndex: number; message: string }>; warnings: Array<{ kind: string; stepIndex: number; message: string }> } }>(
      `query($steps: [ID!]!, $risks: [RiskFlag!]) { validatePlan(steps: $steps, profile: { risks: $risks }) { valid explanation violations { ${V} } warnings { ${V} } } }`,
      { steps: steps.map((s) => s.id), risks },
    );
    const v = d.validatePlan;
    const line = (x: { kind: string; stepIndex: number; message: string }) => el('li', {}, el('strong', {}, `${x.kind} · step ${x.stepIndex + 1}: `), x.message);
    out.replaceChildren(
      el('p', { class: v.valid ? 'compatible' : 'conflicting' }, v.valid ? 'The plan passes.' : 'The plan has violations.'),
      el('p', {}, v.explanation),
      ...(v.violations.length ? [el('h3', {}, 'Violations'), el('ul', { id: 'violations' }, ...v.violations.map(line))] : []),
      ...(v.warnings.length ? [el('h3', {}, 'Warnings'), el('ul', {}, ...v.warnings.map(line))] : []),
    );
    out.dataset.done = 'true';
  } catch (err) {
    status('plan-result', (err as Error).message, 'error');
  }
}

// ---- start-up -----------------------------------------------------------------------------------------------

async function fillSelects() {
  const models = await gql<{ models: { edges: Array<{ node: { id: string; name: string } }> } }>('{ models(first: 100) { edges { node { id name } } } }');
  $('base-model').replaceChildren(...models.models.edges.map((e) => el('option', { value: e.node.id }, e.node.name)));
  const techniques: Array<{ id: string; name: string }> = [];
  let after: string | null = null;
  for (let page = 0; page < 20; page++) {
    const d: { techniques: { edges: Array<{ node: { id: string; name: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await gql(
      'query($after: String) { techniques(first: 100, after: $after) { edges { node { id name } } pageInfo { hasNextPage endCursor } } }',
      { after },
    );
    techniques.push(...d.techniques.edges.map((e) => e.node));
    if (!d.techniques.pageInfo.hasNextPage) break;
    after = d.techniques.pageInfo.endCursor;
  }
  techniques.sort((a, b) => a.name.localeCompare(b.name));
  $('plan-technique').replaceChildren(...techniques.map((t) => el('option', { value: t.id }, t.name)));
}

function start() {
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const text = $<HTMLInputElement>('search').value.trim();
    if (text) void search(text);
  });
  $('depth').addEventListener('change', () => current && void open(current.id));
  $('assimilate').addEventListener('click', () => void assimilate());
  $('add-step').addEventListener('click', () => {
    const select = $<HTMLSelectElement>('plan-technique');
    const option = select.selectedOptions[0];
    if (option) steps.push({ id: option.value, name: option.text });
    renderSteps();
  });
  $('check-plan').addEventListener('click', () => void checkPlan());
  $('risks').append(
    ...RISK_FLAGS.map((r) => el('label', {}, el('input', { type: 'checkbox', value: r }), ` ${r.replace(/_/g, ' ').toLowerCase()}`)),
  );
  fillSelects()
    .then(() => document.body.setAttribute('data-ready', 'true'))
    .catch((err: unknown) => status('graph-status', (err as Error).message, 'error'));
  const fromHash = decodeURIComponent(location.hash.slice(1));
  if (fromHash) void open(fromHash);
}

start();

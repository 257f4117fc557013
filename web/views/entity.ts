import cytoscape, { type Core } from 'cytoscape';
import { $, el, status } from '../dom.js';
import { allModels, allTechniques, gql } from '../gql.js';
import { KIND_COLOURS, kindLabel, legend } from '../legend.js';
import { go, type View } from '../route.js';
import { RISK_FLAGS, human } from '../vocab.js';

/**
 * The entity view: the open entity's neighbourhood graph, its description, sources and evidence, and two tools
 * (assimilation into a base model, plan check). Its markup is in index.html (section#view-entity).
 */

const DESCRIBED = Object.keys(KIND_COLOURS).filter((k) => k !== 'Source');
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
let opening: string | undefined;

// ---- opening an entity: details and graph -------------------------------------------------------------------

async function open(id: string) {
  const depth = Number($<HTMLSelectElement>('depth').value);
  opening = id;
  status('graph-status', 'Loading…');
  try {
    const [entity, hood] = await Promise.all([
      gql<{ node: Entity | null }>(ENTITY_QUERY, { id }),
      gql<Hood>(
        'query Hood($id: ID!, $depth: Int) { neighborhood(id: $id, depth: $depth) { truncated nodes { distance node { __typename id name } } edges { id fromId toId type } } }',
        { id, depth },
      ),
    ]);
    if (opening !== id) return; // a later open won the race
    if (!entity.node) throw new Error(`No entity with id "${id}"`);
    current = entity.node;
    showDetails(entity.node);
    draw(id, hood.neighborhood);
    document.title = `${entity.node.name} · ipkg explorer`;
  } catch (err) {
    if (opening === id) status('graph-status', (err as Error).message, 'error');
  } finally {
    if (opening === id) opening = undefined;
  }
}

function showDetails(e: Entity) {
  const parts: Node[] = [el('h2', {}, e.name), el('p', { class: `kind kind-${e.__typename}` }, kindLabel(e.__typename))];
  if (e.aliases?.length) parts.push(el('p', { class: 'aliases' }, `Also: ${e.aliases.join(', ')}`));
  if (e.description) parts.push(el('p', { class: 'description' }, e.description));
  if (e.citation) parts.push(el('p', { class: 'description' }, e.citation));
  if (e.evidence) parts.push(el('p', { class: 'evidence' }, 'Evidence: ', el('strong', {}, human(e.evidence))));
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
          'font-size': 10,
          'text-wrap': 'ellipsis',
          'text-max-width': '110px',
          'text-valign': 'bottom',
          'text-margin-y': 3,
          width: 16,
          height: 16,
        },
      },
      {
        selector: `node[id = "${centerId.replace(/"/g, '')}"]`,
        style: { width: 30, height: 30, 'font-size': 12, 'font-weight': 'bold', 'border-width': 3, 'border-color': '#222' },
      },
      // Edge types show only for the edge under the pointer: at full view they would bury the graph in text.
      {
        selector: 'edge',
        style: {
          width: 1,
          'line-color': '#c3c9cf',
          'target-arrow-color': '#c3c9cf',
          'target-arrow-shape': 'triangle',
          'arrow-scale': 0.6,
          'curve-style': 'bezier',
          opacity: 0.7,
        },
      },
      { selector: '.faded', style: { opacity: 0.15 } },
      {
        selector: 'node.lit',
        style: {
          'text-wrap': 'wrap',
          'text-max-width': '220px',
          'font-size': 12,
          'text-background-color': '#fff',
          'text-background-opacity': 0.9,
          'z-index': 10,
        },
      },
      { selector: 'edge.lit', style: { 'line-color': '#6f7c88', 'target-arrow-color': '#6f7c88', width: 1.6, opacity: 1, 'z-index': 9 } },
      {
        selector: 'edge.hl',
        style: {
          label: 'data(label)',
          'font-size': 11,
          color: '#222',
          'text-rotation': 'autorotate',
          'text-background-color': '#fff',
          'text-background-opacity': 0.95,
          'text-background-padding': '2px',
          'line-color': '#1d2733',
          'target-arrow-color': '#1d2733',
          width: 2.5,
          opacity: 1,
          'z-index': 11,
        },
      },
    ],
    // Rings by distance from the centre: the neighbourhood reads outwards, and the layout is deterministic.
    layout: {
      name: 'concentric',
      concentric: (n: cytoscape.NodeSingular) => 10 - Number(n.data('distance')),
      levelWidth: () => 1,
      minNodeSpacing: 34,
      animate: false,
    },
  });
  const c = cy;
  c.on('tap', 'node', (evt) => go('entity', { id: evt.target.id() as string }));
  // Hover a node: its relationships light up and the rest fades; hover an edge: its type shows.
  c.on('mouseover', 'node', (evt) => {
    const hood = (evt.target as cytoscape.NodeSingular).closedNeighborhood();
    c.elements().not(hood).addClass('faded');
    hood.addClass('lit');
  });
  c.on('mouseout', 'node', () => c.elements().removeClass('faded lit'));
  c.on('mouseover', 'edge', (evt) => (evt.target as cytoscape.EdgeSingular).addClass('hl'));
  c.on('mouseout', 'edge', (evt) => (evt.target as cytoscape.EdgeSingular).removeClass('hl'));
  graph.dataset.nodeCount = String(hood.nodes.length);
  graph.dataset.edgeCount = String(hood.edges.length);
  graph.dataset.center = centerId;
  const kinds = [...new Set(hood.nodes.map((n) => n.node.__typename))].sort();
  $('graph-legend').replaceChildren(
    legend(
      'Kind',
      kinds.map((k) => ({ label: kindLabel(k), colour: KIND_COLOURS[k] ?? '#999' })),
      { class: 'legend inline' },
    ),
  );
  status(
    'graph-status',
    `${hood.nodes.length - 1} neighbours, ${hood.edges.length} relationships${hood.truncated ? ' (truncated)' : ''}. Click a node to open it.`,
  );
}

// ---- tool: assimilate into… ---------------------------------------------------------------------------------

interface Verdict {
  technique: { id: string; name: string };
  compatible: boolean;
  native: boolean;
  explanation: string;
  reframing: string | null;
  conflicts: Array<{ reason: string; resolvedByReframing: boolean; tenet: { name: string }; mechanism: { name: string } | null; attributes: string[] }>;
}
const VERDICT =
  'technique { id name } compatible native explanation reframing conflicts { reason resolvedByReframing tenet { name } mechanism { name } attributes }';

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
  status(out, 'Checking…');
  try {
    const ids = await candidates();
    let verdicts: Verdict[];
    if (ids === null) {
      verdicts = (
        await gql<{ assimilableTechniques: Verdict[] }>(`query($base: ID!) { assimilableTechniques(baseModelId: $base, first: 15) { ${VERDICT} } }`, { base })
      ).assimilableTechniques;
    } else {
      // An aliased assimilationCheck per candidate technique, a few per request: on a cold or busy database a
      // request of twenty checks outlasts the service's query timeout. The first request holds one check, so the
      // retries that warm the database up are cheap.
      verdicts = [];
      for (let from = 0; from < ids.length; from += from ? 5 : 1) {
        const batch = ids.slice(from, from + (from ? 5 : 1));
        const vars = Object.fromEntries(batch.map((id, i) => [`t${i}`, id]));
        const query = `query(${['$base: ID!', ...batch.map((_, i) => `$t${i}: ID!`)].join(', ')}) {\n${batch.map((_, i) => `v${i}: assimilationCheck(baseModelId: $base, techniqueId: $t${i}) { ${VERDICT} }`).join('\n')}\n}`;
        verdicts.push(...Object.values(await gql<Record<string, Verdict>>(query, { base, ...vars }, 5)));
      }
    }
    const item = (v: Verdict) =>
      el(
        'li',
        { class: v.compatible ? 'compatible' : 'conflicting' },
        el('strong', {}, v.technique.name),
        v.native ? el('span', { class: 'tag' }, 'native') : '',
        el('p', {}, v.explanation),
        ...v.conflicts.map((c) =>
          el(
            'p',
            { class: 'reason' },
            `${c.mechanism?.name ?? c.attributes.join(', ')} ↯ ${c.tenet.name}: ${c.reason}${c.resolvedByReframing ? ' (resolved by re-reading)' : ''}`,
          ),
        ),
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
    status(out, (err as Error).message, 'error');
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
  status(out, 'Checking…');
  try {
    const V = 'kind stepIndex message technique { name }';
    const d = await gql<{
      validatePlan: {
        valid: boolean;
        explanation: string;
        violations: Array<{ kind: string; stepIndex: number; message: string }>;
        warnings: Array<{ kind: string; stepIndex: number; message: string }>;
      };
    }>(
      `query($steps: [ID!]!, $risks: [RiskFlag!]) { validatePlan(steps: $steps, profile: { risks: $risks }) { valid explanation violations { ${V} } warnings { ${V} } } }`,
      { steps: steps.map((s) => s.id), risks },
    );
    const v = d.validatePlan;
    const line = (x: { kind: string; stepIndex: number; message: string }) =>
      el('li', {}, el('strong', {}, `${x.kind} · step ${x.stepIndex + 1}: `), x.message);
    out.replaceChildren(
      el('p', { class: v.valid ? 'compatible' : 'conflicting' }, v.valid ? 'The plan passes.' : 'The plan has violations.'),
      el('p', {}, v.explanation),
      ...(v.violations.length ? [el('h3', {}, 'Violations'), el('ul', { id: 'violations' }, ...v.violations.map(line))] : []),
      ...(v.warnings.length ? [el('h3', {}, 'Warnings'), el('ul', {}, ...v.warnings.map(line))] : []),
    );
    out.dataset.done = 'true';
  } catch (err) {
    status(out, (err as Error).message, 'error');
  }
}

// ---- start-up -----------------------------------------------------------------------------------------------

/** Wires the tools and fills their lists; runs once at page load whatever the first view, so links work at once. */
export async function initEntityTools(): Promise<void> {
  $('depth').addEventListener('change', () => current && void open(current.id));
  $('assimilate').addEventListener('click', () => void assimilate());
  $('add-step').addEventListener('click', () => {
    const option = $<HTMLSelectElement>('plan-technique').selectedOptions[0];
    if (option) steps.push({ id: option.value, name: option.text });
    renderSteps();
  });
  $('check-plan').addEventListener('click', () => void checkPlan());
  $('risks').append(...RISK_FLAGS.map((r) => el('label', {}, el('input', { type: 'checkbox', value: r }), ` ${human(r)}`)));
  const [models, techniques] = await Promise.all([allModels(), allTechniques()]);
  $('base-model').replaceChildren(...[...models].sort((a, b) => a.name.localeCompare(b.name)).map((m) => el('option', { value: m.id }, m.name)));
  $('plan-technique').replaceChildren(...techniques.map((t) => el('option', { value: t.id }, t.name)));
}

export const entityView: View = {
  show(args) {
    const id = args.get('id');
    if (id && id !== current?.id && id !== opening) void open(id);
    else if (current) document.title = `${current.name} · ipkg explorer`;
  },
};

import { $, el, enumSelect, status } from '../dom.js';
import { allModels, gql, shared } from '../gql.js';
import { chipLegend, TIER_COLOURS, legend } from '../legend.js';
import { entityChip, PATH, renderPath, type GraphPath } from '../paths.js';
import { list, parse, remember, type View } from '../route.js';
import { COPING_STYLES, FIT_TIERS, FORMATS, LEARNING_STYLES, LEVELS, RELATIONAL_STYLES, RISK_FLAGS, STAGES, human, type FitTier } from '../vocab.js';

/**
 * The fit: a client profile (stage, reactance, coping style…, risks, targets) in, techniques ranked by tailor out,
 * each with the reasons and weights that make its score, the excluded techniques with why, and a check of the
 * ticked techniques as a plan (validatePlan). Education and research only, like the API it calls.
 */

/** Profile fields: URL key, ClientProfileInput field, label, values. */
const FIELDS = [
  { key: 'stage', field: 'stageOfChange', label: 'Stage of change', values: STAGES },
  { key: 'reactance', field: 'reactance', label: 'Reactance', values: LEVELS },
  { key: 'coping', field: 'copingStyle', label: 'Coping style', values: COPING_STYLES },
  { key: 'mindedness', field: 'psychologicalMindedness', label: 'Psychological mindedness', values: LEVELS },
  { key: 'reactivity', field: 'emotionalReactivity', label: 'Emotional reactivity', values: LEVELS },
  { key: 'relational', field: 'relationalStyle', label: 'Relational style', values: RELATIONAL_STYLES },
  { key: 'learning', field: 'learningStyle', label: 'Learning style', values: LEARNING_STYLES },
  { key: 'format', field: 'format', label: 'Format', values: FORMATS },
] as const;

interface Target {
  id: string;
  name: string;
  risks: string[];
  modalities: Array<{ id: string; name: string; order: number }>;
}
interface Node3 {
  __typename: string;
  id: string;
  name: string;
}
interface Reason {
  factor: string;
  weight: number;
  message: string;
  sources: Array<{ id: string }>;
  path: GraphPath | null;
}
interface Recommendation {
  technique: Node3;
  tier: FitTier;
  score: number;
  reasons: Reason[];
  explanation: string;
}
interface Tailoring {
  recommendations: Recommendation[];
  excluded: Array<{ technique: Node3; explanation: string }>;
  method: string;
  disclaimer: string;
}
interface Violation {
  kind: string;
  stepIndex: number;
  message: string;
  technique: { name: string };
  path: GraphPath | null;
}

const targets = () =>
  shared('targets', async () =>
    (await gql<{ targets: Target[] }>('{ targets { id name risks modalities { id name order } } }')).targets.sort((a, b) => a.name.localeCompare(b.name)),
  );

let built = false;
let lastArgs = '';
let profile: Record<string, unknown> = {};
let base: string | null = null;

// ---- the form -----------------------------------------------------------------------------------------------

function readForm(): Record<string, string | string[]> {
  const args: Record<string, string | string[]> = {};
  for (const f of FIELDS) args[f.key] = $<HTMLSelectElement>(`fit-${f.key}`).value;
  args.risks = [...document.querySelectorAll<HTMLInputElement>('#fit-risks input:checked')].map((i) => i.value);
  args.targets = [...document.querySelectorAll<HTMLInputElement>('#fit-targets input:checked')].map((i) => i.value);
  args.base = $<HTMLSelectElement>('fit-base').value;
  args.first = $<HTMLSelectElement>('fit-first').value;
  return args;
}

function writeForm(args: URLSearchParams) {
  for (const f of FIELDS) $<HTMLSelectElement>(`fit-${f.key}`).value = args.get(f.key) ?? '';
  const risks = new Set(list(args, 'risks'));
  for (const i of document.querySelectorAll<HTMLInputElement>('#fit-risks input')) i.checked = risks.has(i.value);
  const chosen = new Set(list(args, 'targets'));
  for (const i of document.querySelectorAll<HTMLInputElement>('#fit-targets input')) i.checked = chosen.has(i.value);
  $<HTMLSelectElement>('fit-base').value = args.get('base') ?? '';
  $<HTMLSelectElement>('fit-first').value = args.get('first') ?? '20';
  chosenTargets();
}

function chosenTargets() {
  const names = [...document.querySelectorAll<HTMLInputElement>('#fit-targets input:checked')].map((i) => i.parentElement?.textContent?.trim() ?? i.value);
  $('fit-targets-chosen').textContent = names.length ? `Chosen: ${names.join(', ')}` : 'None chosen.';
}

async function fillTargets() {
  const all = await targets();
  // Grouped by BASIC I.D. modality, in the modality order, so the list reads like Multimodal Therapy's profile.
  const groups = new Map<string, { order: number; items: Target[] }>();
  for (const t of all) {
    const m = [...t.modalities].sort((a, b) => a.order - b.order)[0];
    const key = m?.name ?? 'Other';
    const g = groups.get(key) ?? { order: m?.order ?? 99, items: [] };
    g.items.push(t);
    groups.set(key, g);
  }
  const box = $('fit-targets');
  box.replaceChildren(
    ...[...groups.entries()]
      .sort((a, b) => a[1].order - b[1].order)
      .map(([name, g]) =>
        el(
          'div',
          { class: 'target-group' },
          el('h4', {}, name),
          ...g.items.map((t) =>
            el(
              'label',
              { title: t.risks.length ? `Comes first under: ${t.risks.map(human).join(', ')}` : '' },
              el('input', { type: 'checkbox', value: t.id }),
              ` ${t.name}`,
            ),
          ),
        ),
      ),
  );
}

function build(root: HTMLElement) {
  const selects = FIELDS.map((f) => el('label', {}, f.label, enumSelect(`fit-${f.key}`, f.values, human, 'not given')));
  const risks = el(
    'fieldset',
    { id: 'fit-risks', class: 'checks' },
    el('legend', {}, 'Risks'),
    ...RISK_FLAGS.map((r) => el('label', {}, el('input', { type: 'checkbox', value: r }), ` ${human(r)}`)),
  );
  const filter = el('input', { id: 'fit-target-filter', type: 'search', placeholder: 'filter targets…' });
  filter.addEventListener('input', () => {
    const q = filter.value.trim().toLowerCase();
    for (const l of document.querySelectorAll<HTMLLabelElement>('#fit-targets label')) l.hidden = !!q && !(l.textContent ?? '').toLowerCase().includes(q);
  });
  const form = el(
    'form',
    { id: 'fit-form', class: 'profile' },
    el('h2', {}, 'Client profile'),
    el('p', { class: 'hint' }, 'Every field is optional. Risks and targets rank their techniques first; the rest adjusts the order.'),
    el('div', { class: 'profile-grid' }, ...selects),
    risks,
    el(
      'fieldset',
      { class: 'checks targets' },
      el('legend', {}, 'Targets'),
      el('p', { id: 'fit-targets-chosen', class: 'hint' }),
      filter,
      el('div', { id: 'fit-targets', class: 'target-list' }, el('p', { class: 'hint' }, 'Loading targets…')),
    ),
    el(
      'div',
      { class: 'profile-grid' },
      el('label', {}, 'Base model', el('select', { id: 'fit-base' }, el('option', { value: '' }, 'none'))),
      el('label', {}, 'How many', el('select', { id: 'fit-first' }, ...['10', '20', '40'].map((n) => el('option', { value: n }, n)))),
    ),
    el('button', { type: 'submit', id: 'fit-submit', class: 'primary' }, 'Rank techniques'),
  );
  form.addEventListener('change', (e) => {
    if ((e.target as HTMLElement).closest('#fit-targets')) chosenTargets();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    remember('fit', readForm());
    void run(parse(location.hash).args);
  });
  root.replaceChildren(
    el(
      'div',
      { class: 'fit-layout' },
      form,
      el('section', { id: 'fit-results', class: 'results' }, el('h2', {}, 'The fit'), el('p', { class: 'hint' }, 'Fill in a profile and rank the techniques.')),
    ),
  );
}

// ---- ranking and the plan check -----------------------------------------------------------------------------

function profileFrom(args: URLSearchParams): Record<string, unknown> {
  const p: Record<string, unknown> = {};
  for (const f of FIELDS) {
    const v = args.get(f.key);
    if (v) p[f.field] = v;
  }
  const risks = list(args, 'risks');
  const ts = list(args, 'targets');
  if (risks.length) p.risks = risks;
  if (ts.length) p.targets = ts;
  return p;
}

const weight = (w: number) => {
  const bar = el('span', { class: `weight ${w < 0 ? 'neg' : 'pos'}` }, `${w > 0 ? '+' : ''}${Number(w.toFixed(2))}`);
  bar.style.setProperty('--w', String(Math.min(1, Math.abs(w) / 3)));
  return bar;
};

function recommendation(r: Recommendation, rank: number): HTMLElement {
  const tier = el('span', { class: 'tier', title: TIER_COLOURS[r.tier].label }, human(r.tier));
  tier.style.setProperty('--c', TIER_COLOURS[r.tier].colour);
  const tick = el('input', { type: 'checkbox', class: 'plan-pick', value: r.technique.id, 'aria-label': `Put ${r.technique.name} in the plan` });
  tick.checked = rank <= 5;
  return el(
    'li',
    { class: 'recommendation', 'data-tier': r.tier },
    el(
      'div',
      { class: 'rec-head' },
      tick,
      el('span', { class: 'rank' }, `${rank}.`),
      entityChip(r.technique),
      tier,
      el('span', { class: 'score', title: 'score' }, `score ${Number(r.score.toFixed(2))}`),
    ),
    el(
      'table',
      { class: 'reasons' },
      el('thead', {}, el('tr', {}, el('th', {}, 'factor'), el('th', {}, 'weight'), el('th', {}, 'why'))),
      el(
        'tbody',
        {},
        ...r.reasons.map((x) =>
          el(
            'tr',
            {},
            el('td', { class: 'factor' }, human(x.factor)),
            el('td', {}, weight(x.weight)),
            el(
              'td',
              {},
              x.message,
              x.path ? renderPath(x.path) : '',
              x.sources.length ? el('span', { class: 'cites' }, ` [${x.sources.map((s) => s.id).join('; ')}]`) : '',
            ),
          ),
        ),
      ),
    ),
  );
}

async function run(args: URLSearchParams) {
  lastArgs = args.toString();
  profile = profileFrom(args);
  base = args.get('base') || null;
  const first = Number(args.get('first') ?? 20) || 20;
  const out = $('fit-results');
  delete out.dataset.done;
  status(out, 'Ranking…');
  try {
    const d = await gql<{ tailor: Tailoring }>(
      `query($profile: ClientProfileInput!, $base: ID, $first: Int) { tailor(profile: $profile, baseModelId: $base, first: $first) {
        recommendations { technique { __typename id name } tier score explanation reasons { factor weight message sources { id } path { text } } }
        excluded { technique { __typename id name } explanation } method disclaimer } }`,
      { profile, base, first },
    );
    if (lastArgs !== args.toString()) return;
    const t = d.tailor;
    const check = el('button', { type: 'button', id: 'fit-check-plan', class: 'primary' }, 'Check this as a plan');
    check.addEventListener('click', () => void checkPlan());
    out.replaceChildren(
      el(
        'div',
        { class: 'results-head' },
        el('h2', {}, `Ranked techniques (${t.recommendations.length})`),
        legend(
          'Tier',
          FIT_TIERS.map((k) => TIER_COLOURS[k]),
          { class: 'legend inline' },
        ),
      ),
      el('p', { class: 'disclaimer' }, t.disclaimer),
      el(
        'div',
        { class: 'plan-bar' },
        check,
        el('span', { class: 'hint' }, 'Checks the ticked techniques, in this order, against the hierarchy, the profile and the base model.'),
      ),
      el('div', { id: 'fit-plan' }),
      el('ol', { id: 'fit-ranked', class: 'ranked' }, ...t.recommendations.map((r, i) => recommendation(r, i + 1))),
      el('h2', {}, `Excluded (${t.excluded.length})`),
      t.excluded.length
        ? el('ul', { id: 'fit-excluded', class: 'excluded' }, ...t.excluded.map((x) => el('li', {}, entityChip(x.technique), el('p', {}, x.explanation))))
        : el('p', { class: 'hint' }, 'Nothing is ruled out for this profile.'),
      el('details', { class: 'method' }, el('summary', {}, 'How the score is built'), el('p', {}, t.method)),
    );
    out.append(chipLegend(out));
    out.dataset.done = 'true';
    out.dataset.count = String(t.recommendations.length);
  } catch (err) {
    status(out, (err as Error).message, 'error');
  }
}

async function checkPlan() {
  const steps = [...document.querySelectorAll<HTMLInputElement>('#fit-ranked .plan-pick:checked')].map((i) => i.value);
  const out = $('fit-plan');
  delete out.dataset.done;
  if (!steps.length) return status(out, 'Tick at least one technique.');
  status(out, 'Checking the plan…');
  try {
    const V = `kind stepIndex message technique { name } path { ${PATH} }`;
    const d = await gql<{ validatePlan: { valid: boolean; explanation: string; violations: Violation[]; warnings: Violation[] } }>(
      `query($steps: [ID!]!, $profile: ClientProfileInput, $base: ID) { validatePlan(steps: $steps, profile: $profile, baseModelId: $base) { valid explanation violations { ${V} } warnings { ${V} } } }`,
      { steps, profile, base },
    );
    const v = d.validatePlan;
    const line = (x: Violation) =>
      el('li', {}, el('strong', {}, `${human(x.kind)} · step ${x.stepIndex + 1} (${x.technique.name}): `), x.message, x.path ? renderPath(x.path) : '');
    out.replaceChildren(
      el(
        'p',
        { class: v.valid ? 'compatible verdict-line' : 'conflicting verdict-line' },
        v.valid ? `The plan of ${steps.length} steps passes.` : `The plan of ${steps.length} steps has violations.`,
      ),
      el('p', {}, v.explanation),
      ...(v.violations.length ? [el('h3', {}, 'Violations'), el('ul', { id: 'fit-violations' }, ...v.violations.map(line))] : []),
      ...(v.warnings.length ? [el('h3', {}, 'Warnings'), el('ul', { id: 'fit-warnings' }, ...v.warnings.map(line))] : []),
    );
    out.dataset.done = 'true';
  } catch (err) {
    status(out, (err as Error).message, 'error');
  }
}

export const fitView: View = {
  async show(args) {
    document.title = 'Fit · ipkg explorer';
    if (!built) {
      build($('view-fit'));
      built = true;
      const models = await allModels().catch(() => []);
      $('fit-base').append(...[...models].sort((a, b) => a.name.localeCompare(b.name)).map((m) => el('option', { value: m.id }, m.name)));
      await fillTargets().catch((err: unknown) => status('fit-targets', (err as Error).message, 'error'));
    }
    writeForm(args);
    // A shared link with a profile ranks straight away.
    if ([...args.keys()].length && args.toString() !== lastArgs) await run(args);
  },
};

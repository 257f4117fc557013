import { DISCLAIMER } from '../reasoning/graph.js';
import { fieldOfKey } from './vocabulary.js';

/**
 * Plain-text renderings of the tools' GraphQL answers, for the LLM reading them: every claim with the path that
 * justifies it and the ids of its sources, ids in brackets so they can be passed back to `describe`, and the
 * disclaimer last. The shapes below are the selections of operations.ts.
 */

interface Ref {
  id: string;
  name: string;
}
interface Cited {
  id: string;
}
interface Path {
  text: string;
  steps: Array<{ type: string; sources: Cited[]; from?: Ref; to?: Ref; evidence?: string }>;
}

const ref = (r: Ref | null | undefined) => (r ? `${r.name} [${r.id}]` : '');
const ids = (sources: Cited[] | null | undefined) => (sources?.length ? sources.map((s) => s.id).join(', ') : 'none');
const short = (text: string, max = 240) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}\u2026` : text);

/** A path on one line, then the sources of each step. */
export function pathLines(p: Path | null | undefined, indent = '  '): string[] {
  if (!p) return [];
  const steps = p.steps.map(
    (s, i) => `${i + 1}. ${s.from && s.to ? `${s.from.id} -${s.type}-> ${s.to.id}` : s.type}${s.evidence ? ` (${s.evidence})` : ''}: ${ids(s.sources)}`,
  );
  return [`${indent}path: ${p.text}`, `${indent}  sources per step: ${steps.join('; ')}`];
}

const withDisclaimer = (lines: string[]) => [...lines, '', DISCLAIMER].join('\n');

// --- search

interface SearchHit {
  score: number;
  node: Ref & { __typename: string; description?: string; evidence?: string; sources?: Cited[] };
}

export type SearchHits = SearchHit[];

export function renderSearch(text: string, hits: SearchHits): string {
  if (!hits.length) return withDisclaimer([`No entity matches "${text}".`]);
  return withDisclaimer([
    `${hits.length} match(es) for "${text}", best first (pass an id to describe, or to the reasoning tools):`,
    ...hits.map((h) => {
      const n = h.node;
      const cite = n.sources ? ` (${n.evidence}; sources: ${ids(n.sources)})` : '';
      return `- ${n.__typename} ${ref(n)}${cite}${n.description ? `: ${short(n.description)}` : ''}`;
    }),
  ]);
}

// --- describe

interface Link {
  type: string;
  direction: 'OUT' | 'IN';
  node: Ref & { __typename: string };
  evidence: string;
  sources: Cited[];
  reason?: string | null;
  role?: string | null;
  reframing?: string | null;
  severity?: string | null;
}

export type Described = Ref & { __typename: string; evidence?: string; sources?: Array<Cited & { citation: string }>; links?: Link[] } & Record<
    string,
    unknown
  >;

const SHOWN_APART = new Set(['__typename', 'id', 'name', 'description', 'evidence', 'sources', 'links', 'citation', 'title']);

function valueText(v: unknown): string | null {
  if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) return null;
  return Array.isArray(v) ? v.join(', ') : String(v);
}

export function renderDescribe(n: Described): string {
  const lines = [`${n.__typename} ${ref(n)}`];
  if (typeof n.description === 'string') lines.push(n.description);
  if (typeof n.citation === 'string') lines.push(`Citation: ${n.citation}`);
  const props = Object.entries(n)
    .filter(([k]) => !SHOWN_APART.has(k))
    .map(([k, v]) => [k, valueText(v)] as const)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `${fieldOfKey(k)}: ${v}`);
  if (props.length) lines.push(`Properties: ${props.join('; ')}`);
  if (n.sources) {
    lines.push('', `Evidence: ${n.evidence}. Sources:`);
    lines.push(...n.sources.map((s) => `- [${s.id}] ${s.citation}`));
  }
  if (n.links?.length) {
    lines.push('', `Relationships (${n.links.length}), each with its evidence and sources:`);
    for (const l of n.links) {
      const arrow = l.direction === 'OUT' ? `-${l.type}->` : `<-${l.type}-`;
      const extra = [
        l.role && `role: ${l.role}`,
        l.severity && `severity: ${l.severity}`,
        l.reason && `reason: ${short(l.reason, 200)}`,
        l.reframing && `reframing: ${short(l.reframing, 200)}`,
      ].filter(Boolean);
      lines.push(
        `- ${n.id} ${arrow} ${l.node.__typename} ${ref(l.node)} (${l.evidence}; sources: ${ids(l.sources)})${extra.length ? `; ${extra.join('; ')}` : ''}`,
      );
    }
  }
  return withDisclaimer(lines);
}

// --- assimilation check

interface Conflict {
  kind: string;
  reason: string;
  resolvedByReframing: boolean;
  /** For STANCE conflicts: the technique attributes that clash with the stance. */
  attributes: string[];
  tenet: Ref;
  mechanism: Ref | null;
  presupposedTenet: Ref | null;
  path: Path;
}

export interface Verdict {
  technique: Ref;
  baseModel: Ref;
  compatible: boolean;
  native: boolean;
  explanation: string;
  reframing: string | null;
  reframingPath: Path | null;
  conflicts: Conflict[];
}

export function renderAssimilation(v: Verdict): string {
  const lines = [
    `${ref(v.technique)} into ${ref(v.baseModel)}: ${v.compatible ? 'COMPATIBLE' : 'NOT COMPATIBLE'}${v.native ? ' (the base model already uses it)' : ''}.`,
    v.explanation,
  ];
  if (v.reframing) {
    // The explanation usually quotes the re-reading already; then only its path is added.
    lines.push(
      '',
      ...(v.explanation.includes(v.reframing) ? ['Re-reading in the base theory, as curated:'] : [`Re-reading in the base theory: ${v.reframing}`]),
      ...pathLines(v.reframingPath),
    );
  }
  if (v.conflicts.length) {
    lines.push('', `Conflicts (${v.conflicts.length}):`);
    for (const c of v.conflicts) {
      const clash = c.attributes.length ? ` (clashing attributes: ${c.attributes.join(', ')})` : '';
      lines.push(`- ${c.kind}${c.resolvedByReframing ? ' (resolved by the curated re-reading)' : ''}: ${c.reason}${clash}`, ...pathLines(c.path, '    '));
    }
  }
  return withDisclaimer(lines);
}

// --- tailor

interface Reason {
  factor: string;
  weight: number;
  message: string;
  evidence: string;
  sources: Cited[];
  effectSize: { metric: string; value: number; outcome: string; source: Cited } | null;
  path: { text: string } | null;
}

export interface Tailoring {
  recommendations: Array<{
    technique: Ref;
    tier: string;
    score: number;
    explanation: string;
    reasons: Reason[];
    cautions: Array<{ contraindication: Ref; severity: string; reason: string; sources: Cited[] }>;
  }>;
  excluded: Array<{
    technique: Ref;
    explanation: string;
    contraindications: Array<{ contraindication: Ref; severity: string; sources: Cited[] }>;
    conflicts: Array<{ kind: string; tenet: Ref; mechanism: Ref | null; path: { text: string } }>;
  }>;
  method: string;
  disclaimer: string;
}

const signed = (n: number) => `${n >= 0 ? '+' : ''}${Number(n.toFixed(3))}`;

export function renderTailor(t: Tailoring): string {
  const lines = [`Techniques ranked for the profile (${t.recommendations.length} shown, best first: by tier INDICATED, TARGETED, MATCHED, then score):`];
  t.recommendations.forEach((r, i) => {
    lines.push(`${i + 1}. ${ref(r.technique)}, ${r.tier}, score ${Number(r.score.toFixed(3))}: ${r.explanation}`);
    for (const x of r.reasons) {
      const es = x.effectSize ? `; effect size ${x.effectSize.metric} = ${x.effectSize.value} on ${x.effectSize.outcome} [${x.effectSize.source.id}]` : '';
      lines.push(`   - ${x.factor} ${signed(x.weight)}: ${x.message} (${x.evidence}; sources: ${ids(x.sources)}${es})`);
      if (x.path) lines.push(`       path: ${x.path.text}`);
    }
    for (const c of r.cautions) lines.push(`   - caution, ${ref(c.contraindication)}: ${c.reason} (sources: ${ids(c.sources)})`);
  });
  if (t.excluded.length) {
    lines.push('', `Excluded (${t.excluded.length}; assimilation_check gives each conflict's path with its sources per step):`);
    for (const e of t.excluded) {
      const grounds = [
        ...e.contraindications.map((c) => `${c.severity} contraindication ${c.contraindication.id} (sources: ${ids(c.sources)})`),
        ...e.conflicts.map((c) => `${c.kind}: ${c.path.text}`),
      ];
      lines.push(`- ${ref(e.technique)}: ${e.explanation}${grounds.length ? ` Grounds: ${grounds.join(' | ')}` : ''}`);
    }
  }
  lines.push('', `Method: ${t.method}`);
  return withDisclaimer(lines);
}

// --- validate plan

interface Violation {
  kind: string;
  stepIndex: number;
  technique: Ref;
  message: string;
  sources: Cited[];
  path: Path | null;
}

export interface PlanCheck {
  valid: boolean;
  explanation: string;
  violations: Violation[];
  warnings: Violation[];
}

const violationLines = (v: Violation) => [
  `- step ${v.stepIndex} ${ref(v.technique)}, ${v.kind}: ${v.message} (sources: ${ids(v.sources)})`,
  ...pathLines(v.path, '    '),
];

export function renderPlan(p: PlanCheck): string {
  const lines = [`Plan ${p.valid ? 'VALID' : 'NOT VALID'}: ${p.explanation}`];
  if (p.violations.length) lines.push('', `Violations (${p.violations.length}; steps count from 0):`, ...p.violations.flatMap(violationLines));
  if (p.warnings.length) lines.push('', `Warnings (${p.warnings.length}):`, ...p.warnings.flatMap(violationLines));
  return withDisclaimer(lines);
}

// --- model overlap

export interface Overlap {
  a: Ref;
  b: Ref;
  jaccard: number | null;
  dimensions: Array<{ dimension: string; jaccard: number | null; shared: Ref[]; onlyA: Cited[]; onlyB: Cited[] }>;
  disagreements: Array<{ tenetOfA: Ref; tenetOfB: Ref; reason: string | null; evidence: string; sources: Cited[]; path: Path }>;
}

const ratio = (j: number | null) => (j === null ? 'n/a' : j.toFixed(3));

export function renderOverlap(o: Overlap): string {
  const lines = [`${ref(o.a)} and ${ref(o.b)}: overall Jaccard ${ratio(o.jaccard)}.`];
  for (const d of o.dimensions) {
    const shared = d.shared.length ? `: ${d.shared.map((s) => s.id).join(', ')}` : '';
    lines.push(
      `- ${d.dimension}: Jaccard ${ratio(d.jaccard)}; ${d.shared.length} shared, ${d.onlyA.length} only in ${o.a.id}, ${d.onlyB.length} only in ${o.b.id}${shared}`,
    );
  }
  if (o.disagreements.length) {
    lines.push('', `Disagreements: ${o.disagreements.length} pair(s) of contradicting tenets:`);
    for (const d of o.disagreements) {
      lines.push(
        `- ${ref(d.tenetOfA)} vs ${ref(d.tenetOfB)}${d.reason ? `: ${d.reason}` : ''} (${d.evidence}; sources: ${ids(d.sources)})`,
        ...pathLines(d.path, '    '),
      );
    }
  } else lines.push('', 'No pair of their tenets is recorded as contradicting.');
  return withDisclaimer(lines);
}

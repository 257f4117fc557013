import { byId, evidenceRank, makePath, type NodeMap, type Path, type Step } from './graph.js';

/** One technique's conflict paths against one base: what assimilationRow joins from the two reads below. */
export interface AssimilationRow {
  technique: NodeMap;
  baseModel: NodeMap;
  native: boolean;
  direct: RawConflict[];
  presupposition: RawConflict[];
  stance: RawConflict[];
  assimilation: { reframing: string; sources: string[]; evidence: string } | null;
}

export type ConflictKind = 'MECHANISM_CONTRADICTS_TENET' | 'PRESUPPOSITION_CONTRADICTS_TENET' | 'STANCE_CONTRADICTS_TENET';

interface RawConflict {
  kind: ConflictKind;
  reason: string | null;
  /** Null for stance conflicts, which run through the technique's attributes rather than a mechanism. */
  mechanism: NodeMap | null;
  /** For stance conflicts: the clashing attributes, as "directiveness HIGH". */
  attributes?: string[];
  tenet: NodeMap;
  presupposedTenet: NodeMap | null;
  steps: Step[];
}

export interface Conflict extends Omit<RawConflict, 'steps' | 'reason'> {
  reason: string;
  resolvedByReframing: boolean;
  path: Path;
}

export interface Verdict {
  technique: NodeMap;
  baseModel: NodeMap;
  native: boolean;
  compatible: boolean;
  conflicts: Conflict[];
  reframing: string | null;
  reframingPath: Path | null;
  explanation: string;
}

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

interface Cited {
  sources: string[];
  evidence: string;
}

/** What cypher/assimilation-base returns: the base model's side of the coherence rule. */
export interface BaseFacts {
  baseModel: NodeMap;
  /** Mechanisms that contradict a tenet the base holds. */
  against: Array<{ mechanismId: string; reason: string | null; tenet: NodeMap; contradicts: Cited; holds: Cited }>;
  /** Mechanisms that presuppose a tenet the base does not hold and that contradicts one it holds. */
  clashes: Array<{ mechanismId: string; reason: string | null; presupposed: NodeMap; tenet: NodeMap; presupposes: Cited; contradicts: Cited; holds: Cited }>;
  stances: Array<Cited & { tenet: NodeMap; reason: string | null; excludesDirectiveness: string[]; excludesStructure: string[]; holds: Cited }>;
  usedIds: string[];
  rereadings: Array<Cited & { techniqueId: string; reframing: string }>;
}

/** What the rule reads of a technique: its attributes and the mechanisms it acts through (a TechniqueProfile has both). */
export interface TechniqueMechanisms {
  technique: NodeMap;
  mechanisms: Array<Cited & { mechanism: NodeMap }>;
}

/** A base's facts indexed for the join: by mechanism id, by technique id. */
export interface BaseIndex {
  facts: BaseFacts;
  against: Map<string, BaseFacts['against']>;
  clashes: Map<string, BaseFacts['clashes']>;
  used: Set<string>;
  rereadings: Map<string, BaseFacts['rereadings'][number]>;
}

function groupBy<T extends { mechanismId: string }>(rows: T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) (m.get(r.mechanismId) ?? m.set(r.mechanismId, []).get(r.mechanismId)!).push(r);
  return m;
}

export function indexBase(facts: BaseFacts): BaseIndex {
  return {
    facts,
    against: groupBy(facts.against),
    clashes: groupBy(facts.clashes),
    used: new Set(facts.usedIds),
    rereadings: new Map(facts.rereadings.map((r) => [r.techniqueId, r])),
  };
}

/**
 * The conflict paths of one technique against a base, as the graph patterns read them: a mechanism the technique
 * acts through that contradicts a tenet the base holds (direct), that presupposes a tenet contradicting one the base
 * holds (presupposition), or a directiveness or structure a STANCE tenet of the base rules out (stance, its first
 * step derived by rule from the technique's attribute and cited to the tenet). test/reasoning.int.test.ts checks
 * this join against the whole patterns in Cypher (test/oracles/assimilation-paths.cypher) for every base.
 */
export function assimilationRow(base: BaseIndex, p: TechniqueMechanisms): AssimilationRow {
  const t = p.technique;
  const b = base.facts.baseModel;
  const direct: RawConflict[] = [];
  const presupposition: RawConflict[] = [];
  for (const a of p.mechanisms) {
    const m = a.mechanism;
    for (const k of base.against.get(m.id) ?? []) {
      direct.push({
        kind: 'MECHANISM_CONTRADICTS_TENET',
        reason: k.reason,
        mechanism: m,
        tenet: k.tenet,
        presupposedTenet: null,
        steps: [
          { from: t, type: 'ACTS_THROUGH', to: m, sources: a.sources, evidence: a.evidence },
          { from: m, type: 'CONTRADICTS', to: k.tenet, ...k.contradicts },
          { from: b, type: 'HOLDS', to: k.tenet, ...k.holds },
        ],
      });
    }
    for (const k of base.clashes.get(m.id) ?? []) {
      presupposition.push({
        kind: 'PRESUPPOSITION_CONTRADICTS_TENET',
        reason: k.reason,
        mechanism: m,
        tenet: k.tenet,
        presupposedTenet: k.presupposed,
        steps: [
          { from: t, type: 'ACTS_THROUGH', to: m, sources: a.sources, evidence: a.evidence },
          { from: m, type: 'PRESUPPOSES', to: k.presupposed, ...k.presupposes },
          { from: k.presupposed, type: 'CONTRADICTS', to: k.tenet, ...k.contradicts },
          { from: b, type: 'HOLDS', to: k.tenet, ...k.holds },
        ],
      });
    }
  }
  const stance: RawConflict[] = [];
  for (const k of base.facts.stances) {
    // Checked before anything is built: every technique meets every stance of the base, and few clash.
    const directive = k.excludesDirectiveness.includes(t.directiveness as string);
    const structured = k.excludesStructure.includes(t.structure as string);
    if (!directive && !structured) continue;
    const attributes: string[] = [];
    if (directive) attributes.push(`directiveness ${String(t.directiveness)}`);
    if (structured) attributes.push(`structure ${String(t.structure)}`);
    stance.push({
      kind: 'STANCE_CONTRADICTS_TENET',
      reason: k.reason,
      mechanism: null,
      attributes,
      tenet: k.tenet,
      presupposedTenet: null,
      steps: [
        { from: t, type: 'CLASHES_WITH_STANCE', to: k.tenet, sources: k.sources, evidence: k.evidence },
        { from: b, type: 'HOLDS', to: k.tenet, ...k.holds },
      ],
    });
  }
  const r = base.rereadings.get(t.id);
  return {
    technique: t,
    baseModel: b,
    native: base.used.has(t.id),
    direct,
    presupposition,
    stance,
    assimilation: r ? { reframing: r.reframing, sources: r.sources, evidence: r.evidence } : null,
  };
}

/** The conflict kinds a curated re-reading can resolve: it changes why a technique works and how it is held. */
export const RESOLVABLE_BY_REREADING: ReadonlySet<ConflictKind> = new Set(['PRESUPPOSITION_CONTRADICTS_TENET', 'STANCE_CONTRADICTS_TENET']);

/**
 * The metatheoretical-coherence rule. A technique is incompatible with a base model when a mechanism it acts
 * through contradicts a tenet the base holds, when a mechanism presupposes a tenet that contradicts one of the
 * base's, or when its stance attributes (directiveness, structure) are ones a STANCE tenet of the base rules out.
 * A curated re-reading in the base theory resolves a presupposition or stance clash: assimilation changes why the
 * technique is understood to work and how the therapist holds it (Messer 1992; Stricker & Gold 1996; Wachtel
 * 1977), but it cannot make a directly contradicting mechanism coherent.
 */
export function verdict(row: AssimilationRow): Verdict {
  return new RowVerdict(row);
}

/**
 * A verdict whose conflicts (with their cited paths), re-reading path and explanation are worked out on first read.
 * Whether the technique is compatible follows from the row alone (a conflict stands unless a re-reading resolves its
 * kind), and tailor with a base or assimilableTechniques
 * ask that of every technique of the graph but show the rest for a page (issue 13: thousands of techniques at 10x).
 */
class RowVerdict implements Verdict {
  readonly technique: NodeMap;
  readonly baseModel: NodeMap;
  readonly native: boolean;
  readonly compatible: boolean;
  readonly reframing: string | null;
  private found?: Conflict[];
  private path?: Path | null;
  private said?: string;

  constructor(private readonly row: AssimilationRow) {
    this.technique = row.technique;
    this.baseModel = row.baseModel;
    this.native = row.native;
    this.reframing = row.assimilation?.reframing ?? null;
    const stands = (c: RawConflict) => this.reframing === null || !RESOLVABLE_BY_REREADING.has(c.kind);
    this.compatible = !row.direct.some(stands) && !row.presupposition.some(stands) && !(row.stance ?? []).some(stands);
  }

  get conflicts(): Conflict[] {
    return (this.found ??= conflictsOf(this.row, this.reframing));
  }

  get reframingPath(): Path | null {
    const a = this.row.assimilation;
    if (this.path === undefined)
      this.path = a ? makePath([{ from: this.technique, type: 'ASSIMILATES_INTO', to: this.baseModel, sources: a.sources, evidence: a.evidence }]) : null;
    return this.path;
  }

  get explanation(): string {
    if (this.said === undefined) {
      const unresolved = this.conflicts.filter((c) => !c.resolvedByReframing);
      this.said = explain(this.row, this.compatible, unresolved, this.conflicts, this.reframing);
    }
    return this.said;
  }
}

function conflictsOf(row: AssimilationRow, reframing: string | null): Conflict[] {
  const conflicts: Conflict[] = [...row.direct, ...row.presupposition, ...(row.stance ?? [])].map((c) => ({
    kind: c.kind,
    mechanism: c.mechanism,
    attributes: c.attributes ?? [],
    tenet: c.tenet,
    presupposedTenet: c.presupposedTenet,
    reason: c.reason ?? `${c.mechanism?.name ?? row.technique.name} is at odds with the tenet "${c.tenet.name}".`,
    resolvedByReframing: RESOLVABLE_BY_REREADING.has(c.kind) && reframing !== null,
    path: makePath(c.steps),
  }));
  return conflicts.sort((a, b) => a.path.text.localeCompare(b.path.text));
}

function explain(row: AssimilationRow, compatible: boolean, unresolved: Conflict[], all: Conflict[], reframing: string | null): string {
  const t = row.technique.name;
  const b = row.baseModel.name;
  if (!compatible) {
    const why = unresolved
      .slice(0, 3)
      .map((c) =>
        c.kind === 'MECHANISM_CONTRADICTS_TENET'
          ? `it works through ${lower(c.mechanism?.name ?? '')}, which contradicts the ${b} tenet "${c.tenet.name}" (${c.reason.replace(/\.$/, '')})`
          : c.kind === 'STANCE_CONTRADICTS_TENET'
            ? `its ${stanceAttributes(c.attributes ?? [])} ${(c.attributes ?? []).length > 1 ? 'clash' : 'clashes'} with the ${b} stance "${c.tenet.name}" (${c.reason.replace(/\.$/, '')})`
            : `it works through ${lower(c.mechanism?.name ?? '')}, which presupposes "${c.presupposedTenet?.name}", a claim that contradicts the ${b} tenet "${c.tenet.name}"`,
      )
      .join('; and ');
    const rereadable = unresolved.every((c) => RESOLVABLE_BY_REREADING.has(c.kind));
    const hint = rereadable
      ? ' No curated re-reading in the base theory resolves this yet (a re-reading may resolve presupposition and stance conflicts).'
      : ' A direct contradiction of a base tenet by a mechanism cannot be resolved by re-reading.';
    return `${t} does not assimilate into ${b}: ${why}.${unresolved.length > 3 ? ` (${unresolved.length - 3} more conflict(s) listed.)` : ''}${hint}`;
  }
  const parts = [
    row.native
      ? `${b} already uses ${t}, so no assimilation is needed.`
      : `${t} can be assimilated into ${b}: none of the mechanisms it works through contradicts a tenet ${b} holds.`,
  ];
  if (all.length) {
    const kinds = [...new Set(all.map((c) => (c.kind === 'STANCE_CONTRADICTS_TENET' ? 'stance' : 'presupposition')))].join(' and ');
    parts.push(
      `Its ${kinds} conflicts are resolved by the base theory's re-reading (a re-reading cannot resolve a direct mechanism contradiction, and there is none).`,
    );
  }
  if (reframing) parts.push(`${b} re-reads it this way: ${reframing}`);
  return parts.join(' ');
}

/** ["directiveness HIGH", "structure HIGH"] -> "high directiveness and high structure". */
const stanceAttributes = (attributes: string[]) =>
  attributes
    .map((a) => {
      const [attribute, level] = a.split(' ');
      return `${String(level).toLowerCase()} ${attribute}`;
    })
    .join(' and ');

/** Best-supported first: curated re-readings, then evidence level, then number of sources, then id. */
export function rankAssimilable(verdicts: Verdict[]): Verdict[] {
  return verdicts
    .filter((v) => v.compatible && !v.native)
    .sort(
      (a, b) =>
        Number(b.reframing !== null) - Number(a.reframing !== null) ||
        evidenceRank(b.technique.evidence) - evidenceRank(a.technique.evidence) ||
        (b.technique.sources?.length ?? 0) - (a.technique.sources?.length ?? 0) ||
        byId(a.technique, b.technique),
    );
}

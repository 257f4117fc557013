import type { Verdict, Conflict } from './assimilation.js';
import { fitIndex, type Facts } from './fit-index.js';
import { byId, makePath, type NodeMap, type Path, type Step } from './graph.js';
import { conditionApplies, profileKeys, type Profile, type TechniqueProfile } from './profile.js';
import { stageDistance } from './readiness.js';
import { WEIGHTS } from './weights.js';

export type { Profile, TechniqueProfile } from './profile.js';
export { conditionApplies } from './profile.js';

export type Factor =
  | 'STAGE_OF_CHANGE'
  | 'REACTANCE'
  | 'COPING_STYLE'
  | 'PSYCHOLOGICAL_MINDEDNESS'
  | 'EMOTIONAL_REACTIVITY'
  | 'RELATIONAL_STYLE'
  | 'LEARNING_STYLE'
  | 'FORMAT'
  | 'RISK'
  | 'INDICATION'
  | 'TARGET'
  | 'BASE_MODEL'
  | 'EVIDENCE';

export interface Reason {
  factor: Factor;
  weight: number;
  message: string;
  clientFactor: NodeMap | null;
  effectSize: Record<string, unknown> | null;
  sources: string[];
  evidence: string;
  path: Path | null;
}

export type AppliedContraindication = TechniqueProfile['contraindications'][number];

/** Indicated under a risk flag, addressing a profile target, or ranked by profile matching alone. */
export type Tier = 'INDICATED' | 'TARGETED' | 'MATCHED';
export const TIER_RANK: Record<Tier, number> = { INDICATED: 0, TARGETED: 1, MATCHED: 2 };

export interface Recommendation {
  technique: NodeMap;
  tier: Tier;
  score: number;
  reasons: Reason[];
  cautions: AppliedContraindication[];
  explanation: string;
}

export interface Exclusion {
  technique: NodeMap;
  contraindications: AppliedContraindication[];
  conflicts: Conflict[];
  explanation: string;
}

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
/** The reason factor of a profile field: emotionalReactivity -> EMOTIONAL_REACTIVITY. */
const factorOf = (field: string) => field.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase() as Factor;

// Profiles and client factors are frozen and shared by every request of a data version (src/questions/profiles.ts),
// so what the rules derive from them alone is worked out once per object, not once per technique per request.
const parsedSizes = new WeakMap<NodeMap, Array<Record<string, unknown>>>();
function effectSizesOf(cf: NodeMap): Array<Record<string, unknown>> {
  let sizes = parsedSizes.get(cf);
  if (!sizes) parsedSizes.set(cf, (sizes = typeof cf.effectSizes === 'string' ? (JSON.parse(cf.effectSizes) as Array<Record<string, unknown>>) : []));
  return sizes;
}
/**
 * A reason as the score needs it: its factor and weight now, the rest (message, cited path, sources) only when
 * asked for. The fit scores every technique but shows reasons for one page, and at 10x the curated graph the
 * messages and paths of thousands of techniques nobody sees were most of an uncached answer's time (issue 13).
 */
export interface DraftReason {
  factor: Factor;
  weight: number;
  detail(): Omit<Reason, 'factor' | 'weight'>;
}
const complete = (d: DraftReason): Reason => ({ factor: d.factor, weight: d.weight, ...d.detail() });
const noPath = (): Path | null => null;

/** The reasons found for one technique (methods, not closures made per technique: this runs for every technique). */
class Reasons {
  readonly list: DraftReason[] = [];
  constructor(private readonly clientFactors: Map<string, NodeMap>) {}

  add(factor: Factor, weight: number, detail: DraftReason['detail']): void {
    this.list.push({ factor, weight, detail });
  }

  /** A matching rule weighed by its client factor's meta-analysis (WEIGHTS), signed and scaled by how it applies. */
  fromFactor(
    factor: Factor,
    rule: { weight: number; clientFactor: string; evidence: string },
    sign: number,
    message: () => string,
    path: () => Path | null = noPath,
  ): void {
    const clientFactors = this.clientFactors;
    this.add(factor, round(sign * rule.weight), () => {
      const cf = clientFactors.get(rule.clientFactor) ?? null;
      return {
        message: message(),
        clientFactor: cf,
        effectSize: (cf ? effectSizesOf(cf) : [])[0] ?? null,
        sources: cf?.sources ?? [],
        evidence: rule.evidence,
        path: path(),
      };
    });
  }
}

const addressesStep = (t: NodeMap, a: TechniqueProfile['addresses'][number]): Step => ({
  from: t,
  type: 'ADDRESSES',
  to: a.target,
  sources: a.sources,
  evidence: a.evidence,
});

/**
 * The rules of the fit, each contributing the reasons (as drafts) it finds for one technique, in the order they are
 * listed: the target rules (risk indication, profile targets, implied targets), format and stage, the stage's
 * focus target, then the person. The matching rules (matchingReasons) read only a technique's traits
 * (src/reasoning/fit-index.ts), so a fit runs them once per class of traits; the target rules fire only where the
 * profile shares a key with the technique's targets.
 */
function reasonsFor(p: TechniqueProfile, f: Facts, profile: Profile, out: Reasons): void {
  targetReasons(p, f, profile, out);
  formatAndStageReasons(p, f, profile, out);
  stageFocusReason(p, profile, out);
  personReasons(p, f, profile, out);
}

/** The reasons that depend on the technique's traits alone: equal for techniques of one class of traits. */
function matchingReasons(p: TechniqueProfile, f: Facts, profile: Profile, out: Reasons): void {
  formatAndStageReasons(p, f, profile, out);
  personReasons(p, f, profile, out);
}

/** Indicated under a risk flag, addressing a profile target, addressing a target the profile implies. */
function targetReasons(p: TechniqueProfile, f: Facts, profile: Profile, out: Reasons): void {
  const t = p.technique;
  const risks = profile.risks ?? [];
  if (risks.length) {
    for (const a of f.addresses) {
      const flag = ((a.target.risks as string[] | undefined) ?? []).find((r) => risks.includes(r));
      if (!flag) continue;
      const w = WEIGHTS.riskIndication;
      out.add('INDICATION', w.weight, () => ({
        message: `Indicated under ${flag.toLowerCase().replace(/_/g, ' ')}: it addresses ${lower(a.target.name)}, which comes first when that risk is present.`,
        clientFactor: null,
        effectSize: null,
        sources: [...new Set([...a.sources, ...w.sources])],
        evidence: a.evidence,
        path: makePath([addressesStep(t, a)]),
      }));
    }
  }
  const wanted = profile.targets ?? [];
  if (wanted.length) {
    for (const a of f.addresses) {
      if (!wanted.includes(a.target.id)) continue;
      const w = WEIGHTS.target;
      out.add('TARGET', w.weight, () => ({
        message: `Addresses ${lower(a.target.name)}, a target of this profile.`,
        clientFactor: null,
        effectSize: null,
        sources: [...new Set([...a.sources, ...w.sources])],
        evidence: a.evidence,
        path: makePath([addressesStep(t, a)]),
      }));
    }
  }

  for (const a of f.addresses) {
    if (wanted.includes(a.target.id) || !conditionApplies(a.target, profile)) continue;
    const w = WEIGHTS.impliedTarget;
    out.add(factorOf(String(a.target.profileField)), w.weight, () => ({
      message: `Addresses ${lower(a.target.name)}, which this profile implies (${String(a.target.profileField)} ${String(profile[a.target.profileField as keyof Profile]).toLowerCase()}).`,
      clientFactor: null,
      effectSize: null,
      sources: a.sources,
      evidence: w.evidence,
      path: makePath([addressesStep(t, a)]),
    }));
    break;
  }
}

/** Made for the requested format; suiting the client's stage of change. */
function formatAndStageReasons(p: TechniqueProfile, f: Facts, profile: Profile, out: Reasons): void {
  const t = p.technique;
  const format = profile.format;
  if (format && !f.formats.includes('INDIVIDUAL') && format !== 'INDIVIDUAL') {
    const w = WEIGHTS.formatNative;
    out.add('FORMAT', w.weight, () => ({
      message: `Made for the ${format.toLowerCase()} format, not adapted from individual work.`,
      clientFactor: null,
      effectSize: null,
      sources: [...w.sources],
      evidence: w.evidence,
      path: null,
    }));
  }

  if (profile.stageOfChange) {
    const stage = profile.stageOfChange;
    const r = f.readiness;
    const distance = stageDistance(r, stage);
    const stageName = stage.toLowerCase();
    if (distance === 0) {
      const m = f.stagePath.get(stage);
      out.fromFactor(
        'STAGE_OF_CHANGE',
        WEIGHTS.stageOfChange,
        1,
        () =>
          m
            ? `Suits the ${stageName} stage: it employs ${lower(m.process.name)}, a process of change of that stage.`
            : `Suits the ${stageName} stage. ${r.basis}`,
        () =>
          m
            ? makePath([
                { from: t, type: 'EMPLOYS', to: m.process, ...m.employs },
                { from: m.process, type: 'SERVES', to: m.stage, ...m.serves },
              ])
            : null,
      );
    } else {
      const share = Math.min(distance * WEIGHTS.stageDistancePenalty.weight, 2);
      out.fromFactor(
        'STAGE_OF_CHANGE',
        WEIGHTS.stageOfChange,
        -share,
        () => `Suits ${r.stages.map((x) => x.toLowerCase()).join(', ')}, ${distance} stage(s) from ${stageName}. ${r.basis}`,
      );
    }
  }
}

/** Addressing the target that is the focus of the client's stage (a target rule: only where a target's focus is that stage). */
function stageFocusReason(p: TechniqueProfile, profile: Profile, out: Reasons): void {
  const stage = profile.stageOfChange;
  if (!stage) return;
  const t = p.technique;
  const stageName = stage.toLowerCase();
  for (const a of p.addresses) {
    const fs = a.focus.find((x) => x.stage.stage === stage);
    if (!fs) continue;
    out.fromFactor(
      'STAGE_OF_CHANGE',
      WEIGHTS.stageFocus,
      1,
      () => `Addresses ${lower(a.target.name)}, the focus of the ${stageName} stage.`,
      () => makePath([addressesStep(t, a), { from: a.target, type: 'FOCUS_IN', to: fs.stage, sources: fs.sources, evidence: fs.evidence }]),
    );
    break;
  }
}

/** Reactance, coping style, mindedness, reactivity, relational and learning style, stabilisation under risk. */
function personReasons(p: TechniqueProfile, f: Facts, profile: Profile, out: Reasons): void {
  const t = p.technique;
  const { copingStyle, relationalStyle, learningStyle } = profile;
  const risks = profile.risks ?? [];
  if (profile.reactance === 'HIGH') {
    if (t.directiveness === 'LOW')
      out.fromFactor('REACTANCE', WEIGHTS.reactance, 1, () => 'Non-directive: clients high in reactance do better when the therapist leads less.');
    if (t.directiveness === 'HIGH') out.fromFactor('REACTANCE', WEIGHTS.reactance, -1, () => 'Highly directive: likely to provoke a client high in reactance.');
  } else if (profile.reactance === 'LOW' && t.directiveness === 'HIGH') {
    out.fromFactor('REACTANCE', WEIGHTS.reactance, 0.5, () => 'Directive: clients low in reactance tend to benefit from therapist guidance.');
  }

  if (copingStyle) {
    const wants = copingStyle === 'EXTERNALIZING' ? 'SKILL' : 'INSIGHT';
    const label = copingStyle === 'EXTERNALIZING' ? 'skill- and symptom-focused work' : 'insight-oriented work';
    if (t.focus === wants)
      out.fromFactor('COPING_STYLE', WEIGHTS.copingStyle, 1, () => `Fits an ${copingStyle.toLowerCase()} coping style, which responds best to ${label}.`);
    else if (t.focus === 'BOTH')
      out.fromFactor(
        'COPING_STYLE',
        WEIGHTS.copingStyle,
        0.5,
        () => `Combines insight and skill, partly fitting an ${copingStyle.toLowerCase()} coping style.`,
      );
    else
      out.fromFactor(
        'COPING_STYLE',
        WEIGHTS.copingStyle,
        -0.5,
        () => `Its ${String(t.focus).toLowerCase()} focus fits an ${copingStyle.toLowerCase()} coping style less well than ${label}.`,
      );
  }

  if (profile.psychologicalMindedness === 'LOW' && t.focus === 'INSIGHT') {
    out.fromFactor(
      'PSYCHOLOGICAL_MINDEDNESS',
      WEIGHTS.psychologicalMindedness,
      -1,
      () => 'Insight-oriented: presumes a psychological mindedness this client reports as low.',
    );
  } else if (profile.psychologicalMindedness === 'HIGH' && t.focus !== 'SKILL') {
    out.fromFactor('PSYCHOLOGICAL_MINDEDNESS', WEIGHTS.psychologicalMindedness, 1, () => 'Draws on the client\u2019s high psychological mindedness.');
  }

  const stabilizing = f.stabilization !== undefined;
  if (profile.emotionalReactivity === 'HIGH') {
    if (t.intensity === 'HIGH')
      out.fromFactor(
        'EMOTIONAL_REACTIVITY',
        WEIGHTS.emotionalReactivity,
        -1,
        () => 'Emotionally intense: risks overwhelming a highly reactive client before regulation skills are in place.',
      );
    if (stabilizing)
      out.fromFactor('EMOTIONAL_REACTIVITY', WEIGHTS.emotionalReactivity, 1, () => 'A stabilisation technique, suited to high emotional reactivity.');
  }

  if (relationalStyle === 'DISORGANIZED' || relationalStyle === 'ANXIOUS') {
    if (stabilizing)
      out.fromFactor(
        'RELATIONAL_STYLE',
        WEIGHTS.relationalStyle,
        1,
        () => `Builds safety and stability, which a ${relationalStyle.toLowerCase()} relational style needs first.`,
      );
    if (t.intensity === 'HIGH')
      out.fromFactor(
        'RELATIONAL_STYLE',
        WEIGHTS.relationalStyle,
        -1,
        () => `Intense work can strain the alliance with a ${relationalStyle.toLowerCase()} relational style.`,
      );
  } else if (relationalStyle === 'AVOIDANT' && t.intensity === 'HIGH') {
    out.fromFactor('RELATIONAL_STYLE', WEIGHTS.relationalStyle, -0.5, () => 'Intense emotional demand early can push an avoidant client away.');
  }

  if (learningStyle) {
    const wanted = { EXPERIENTIAL: ['affect', 'sensation', 'imagery'], COGNITIVE: ['cognition'], BEHAVIORAL: ['behavior'] }[learningStyle] ?? [];
    const hit = p.modalities.find((m) => wanted.includes(m.modality.id));
    if (hit) {
      out.fromFactor(
        'LEARNING_STYLE',
        WEIGHTS.learningStyle,
        1,
        () => `Works in the ${lower(hit.modality.name)} modality, matching a stated ${learningStyle.toLowerCase()} preference (weak evidence).`,
        () => makePath([{ from: t, type: 'TARGETS', to: hit.modality, sources: hit.sources, evidence: hit.evidence }]),
      );
    }
  }

  const ph = f.stabilization;
  if (risks.length && ph) {
    const r = WEIGHTS.riskStabilization;
    out.add('RISK', r.weight, () => ({
      message: 'Risk is present: stabilisation comes before processing work.',
      clientFactor: null,
      effectSize: null,
      sources: [...r.sources],
      evidence: r.evidence,
      path: makePath([{ from: t, type: 'IN_PHASE', to: ph.phase, sources: ph.sources, evidence: ph.evidence }]),
    }));
  }
}

/** The base model's reason: part of it, or assimilated into it by a curated re-reading. */
function baseReason(v: Verdict | undefined, out: Reasons): void {
  if (!v) return;
  if (v.native) {
    const w = WEIGHTS.baseNative;
    out.add('BASE_MODEL', w.weight, () => ({
      message: `Part of ${v.baseModel.name}.`,
      clientFactor: null,
      effectSize: null,
      sources: [...w.sources],
      evidence: w.evidence,
      path: makePath([{ from: v.baseModel, type: 'USES', to: v.technique, sources: v.technique.sources ?? [], evidence: String(v.technique.evidence) }]),
    }));
    return;
  }
  const { reframing, reframingPath } = v;
  if (reframing && reframingPath) {
    const w = WEIGHTS.baseAssimilated;
    out.add('BASE_MODEL', w.weight, () => ({
      message: `Assimilates into ${v.baseModel.name}: ${reframing}`,
      clientFactor: null,
      effectSize: null,
      sources: [...w.sources, ...reframingPath.steps[0].sources],
      evidence: w.evidence,
      path: reframingPath,
    }));
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Scores every technique for a profile. A technique is excluded when an ABSOLUTE contraindication applies to
 * the profile, or when (with a base model) it contradicts the base's tenets; otherwise its score is the sum of
 * its reasons' weights. Order: tier (indicated under a profile risk, then addressing a profile target, then the
 * rest: what the technique is for comes before how well it suits the person), then score, then evidence level,
 * then id; the same graph and input give the same order.
 */
export function tailor(
  profiles: readonly TechniqueProfile[],
  profile: Profile,
  clientFactors: Map<string, NodeMap>,
  base?: { verdicts: Map<string, Verdict>; model: NodeMap },
): { recommendations: Recommendation[]; excluded: Exclusion[] } {
  const idx = fitIndex(profiles);
  // The matching rules run once per class of traits (src/reasoning/fit-index.ts); the target rules and the
  // contraindications only for the techniques whose targets or contraindications this profile meets.
  const touched = new Uint8Array(profiles.length);
  for (const key of profileKeys(profile)) for (const i of idx.touching.get(key) ?? []) touched[i] = 1;
  const matching = new Float64Array(idx.classes.length).fill(Number.NaN);
  const matchingScore = (c: number): number => {
    if (Number.isNaN(matching[c])) {
      const out = new Reasons(clientFactors);
      const i = idx.classes[c];
      matchingReasons(profiles[i], idx.facts[i], profile, out);
      matching[c] = 0;
      for (const d of out.list) matching[c] += d.weight;
    }
    return matching[c];
  };

  const fit = { profile, clientFactors };
  const recommendations: Ranked[] = [];
  const excluded: Exclusion[] = [];
  for (let i = 0; i < profiles.length; i++) {
    const p = profiles[i];
    const t = p.technique;
    const f = idx.facts[i];
    if (profile.format && !f.formats.includes(profile.format)) continue;
    // Sorted by id in the facts, so what applies keeps that order.
    const applying = touched[i] && f.contraindications.length ? f.contraindications.filter((c) => conditionApplies(c.contraindication, profile)) : NONE;
    const absolute = applying.length ? applying.filter((c) => c.severity === 'ABSOLUTE') : applying;
    const verdict = base?.verdicts.get(t.id);
    const conflicts = verdict && !verdict.compatible ? verdict.conflicts.filter((c) => !c.resolvedByReframing) : NO_CONFLICTS;
    if (absolute.length || conflicts.length) {
      const why = [
        ...absolute.map((c) => `ruled out by ${lower(c.contraindication.name)} (${c.reason.replace(/\.$/, '')})`),
        ...(conflicts.length ? [verdict!.explanation] : []),
      ];
      excluded.push({ technique: t, contraindications: absolute, conflicts, explanation: `${t.name} is excluded: ${why.join('; ')}.`.replace(/\.\.$/, '.') });
      continue;
    }
    const cautions = applying.length ? applying.filter((c) => c.severity === 'CAUTION') : applying;
    // The matching rules' share comes from the technique's class of traits; the rest (target rules where the profile
    // meets the technique's targets, the base model's, the cautions) from the technique itself. Weights have at most
    // three decimals and the score is rounded to three, so the order of the sum does not change it.
    let score = matchingScore(idx.traitClass[i]);
    let tier: Tier = 'MATCHED';
    if (touched[i] || verdict || cautions.length) {
      const out = new Reasons(clientFactors);
      if (touched[i]) {
        targetReasons(p, f, profile, out);
        stageFocusReason(p, profile, out);
      }
      baseReason(verdict, out);
      cautionReasons(t, cautions, out);
      for (const r of out.list) {
        score += r.weight;
        if (r.factor === 'INDICATION') tier = 'INDICATED';
        else if (r.factor === 'TARGET' && tier === 'MATCHED') tier = 'TARGETED';
      }
    }
    recommendations.push(new Ranked(t, tier, round(score), cautions, p, f, fit, verdict));
  }
  recommendations.sort(ranking);
  excluded.sort((a, b) => byId(a.technique, b.technique));
  return { recommendations, excluded };
}

const NONE = Object.freeze<AppliedContraindication[]>([]) as AppliedContraindication[];
const NO_CONFLICTS = Object.freeze<Conflict[]>([]) as Conflict[];

/** Every reason of one technique: the fit's rules, the base model's, and one per applicable caution. */
function draftsFor(
  p: TechniqueProfile,
  f: Facts,
  profile: Profile,
  clientFactors: Map<string, NodeMap>,
  verdict: Verdict | undefined,
  cautions: AppliedContraindication[],
): DraftReason[] {
  const out = new Reasons(clientFactors);
  reasonsFor(p, f, profile, out);
  baseReason(verdict, out);
  cautionReasons(p.technique, cautions, out);
  return out.list;
}

/** Each applicable CAUTION costs its weight. */
function cautionReasons(t: NodeMap, cautions: AppliedContraindication[], out: Reasons): void {
  for (const c of cautions) {
    out.add('RISK', WEIGHTS.caution.weight, () => ({
      message: `Caution: ${lower(c.contraindication.name)}: ${c.reason}`,
      clientFactor: null,
      effectSize: null,
      sources: c.sources,
      evidence: c.evidence,
      path: makePath([{ from: t, type: 'HAS_CONTRAINDICATION', to: c.contraindication, sources: c.sources, evidence: c.evidence }]),
    }));
  }
}

/**
 * A recommendation whose reasons and explanation are worked out on first read (then kept). The drafts that gave
 * its score are not kept but found again: garbage that dies young costs the collector almost nothing, while
 * thousands of drafts kept alive until the sort were a third of the fit's time; only a page is ever read. A class,
 * not an object literal with getters: a fit makes one per technique, and literals with accessors are slow to make.
 */
class Ranked implements Recommendation {
  private kept?: Reason[];
  private said?: string;
  /** Tier rank and evidence rank, for the sort. */
  readonly order: number;
  readonly evidence: number;

  constructor(
    readonly technique: NodeMap,
    readonly tier: Tier,
    readonly score: number,
    readonly cautions: AppliedContraindication[],
    private readonly p: TechniqueProfile,
    private readonly f: Facts,
    private readonly fit: { profile: Profile; clientFactors: Map<string, NodeMap> },
    private readonly verdict: Verdict | undefined,
  ) {
    this.order = TIER_RANK[tier];
    this.evidence = f.evidence;
  }

  get reasons(): Reason[] {
    return (this.kept ??= draftsFor(this.p, this.f, this.fit.profile, this.fit.clientFactors, this.verdict, this.cautions).map(complete));
  }

  get explanation(): string {
    return (this.said ??= explainScore(this.technique, this.score, this.reasons));
  }
}

/** Tier, then score, then evidence level, then id. */
const ranking = (a: Ranked, b: Ranked) =>
  a.order - b.order || b.score - a.score || b.evidence - a.evidence || (a.technique.id < b.technique.id ? -1 : a.technique.id > b.technique.id ? 1 : 0);

function explainScore(t: NodeMap, score: number, reasons: Reason[]): string {
  const main = reasons
    .filter((r) => r.factor !== 'EVIDENCE')
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, 3)
    .map((r) => `${r.weight >= 0 ? '+' : ''}${r.weight} ${r.message.replace(/\.$/, '')}`);
  return main.length ? `${t.name} scores ${score}: ${main.join('; ')}.` : `${t.name} scores ${score}: no profile factor bears on it.`;
}

export const TAILORING_METHOD =
  'Order: tier first (INDICATED: addresses the target of a risk flag of the profile, e.g. safety planning under acute ' +
  'suicidality, Herman 1992, Cloitre et al. 2011; TARGETED: addresses a target of the profile, Lazarus 1981, Beutler & ' +
  'Clarkin 1990; MATCHED: the rest), then score, then evidence level (ties only), then id. ' +
  'Score = sum of reason weights: indication +1, each profile target addressed +0.5, a target the profile implies ' +
  '(high emotional reactivity: emotion dysregulation) +0.2, made for the requested group, couple or family format +0.2. Matching rules with a meta-analysis weigh by its effect size (d): reactance .79 ' +
  '(Beutler, Edwards & Someah 2018), coping style .60 (Beutler, Kimpara et al. 2018), stage of change .41 (Krebs et al. 2018): ' +
  'a technique suits the stages its processes of change serve, action-oriented work from preparation on and emotionally ' +
  'demanding work from contemplation on (Prochaska & Norcross 2018); a mismatch costs half the weight per stage of distance, ' +
  'and addressing the focus target of the stage (ambivalence early, relapse risk in maintenance) adds .41. ' +
  'Psychological mindedness, emotional reactivity and relational style rules are expert opinion (0.2); learning style 0.05 ' +
  '(Pashler et al. 2008 found little support). Stabilisation first under risk +0.3 (Herman 1992; Cloitre et al. 2011). ' +
  'Base model: used by the base +0.3, curated assimilation +0.2, contradiction of a base tenet excludes. Each applicable ' +
  'CAUTION -0.3; an applicable ABSOLUTE contraindication excludes.';

import type { Verdict, Conflict } from './assimilation.js';
import { byId, evidenceRank, makePath, type NodeMap, type Path } from './graph.js';
import { readiness, stageDistance, type Readiness } from './readiness.js';
import { WEIGHTS } from './weights.js';

/** The client profile (all optional), as ClientProfileInput. */
export interface Profile {
  stageOfChange?: string | null;
  psychologicalMindedness?: string | null;
  emotionalReactivity?: string | null;
  reactance?: string | null;
  relationalStyle?: string | null;
  learningStyle?: string | null;
  copingStyle?: string | null;
  format?: string | null;
  risks?: string[] | null;
  targets?: string[] | null;
}

interface Cited {
  sources: string[];
  evidence: string;
}

/** What cypher/technique-profiles.cypher returns per technique. */
export interface TechniqueProfile {
  technique: NodeMap;
  contraindications: Array<Cited & { contraindication: NodeMap; severity: 'ABSOLUTE' | 'CAUTION'; reason: string }>;
  stagePaths: Array<{ process: NodeMap; stage: NodeMap; employs: Cited; serves: Cited }>;
  phases: Array<Cited & { phase: NodeMap }>;
  modalities: Array<Cited & { modality: NodeMap }>;
  /** Technique -ADDRESSES-> Target, with the target's risk flags and the stages it is the focus of. */
  addresses: Array<Cited & { target: NodeMap; focus: Array<Cited & { stage: NodeMap }> }>;
  requires: Array<Cited & { technique: NodeMap; reason: string | null }>;
  follows: Array<Cited & { technique: NodeMap; reason: string | null }>;
}

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

/** Does a contraindication's condition apply to this profile (by risk flag, or by a profile field value)? */
export function conditionApplies(c: NodeMap, profile: Profile): boolean {
  if (typeof c.risk === 'string' && (profile.risks ?? []).includes(c.risk)) return true;
  if (typeof c.profileField === 'string' && Array.isArray(c.profileValues)) {
    const value = (profile as Record<string, unknown>)[c.profileField];
    return typeof value === 'string' && (c.profileValues as string[]).includes(value);
  }
  return false;
}

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
/** The reason factor of a profile field: emotionalReactivity -> EMOTIONAL_REACTIVITY. */
const factorOf = (field: string) => field.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase() as Factor;
const phaseIds = (p: TechniqueProfile) => p.phases.map((x) => x.phase.id);

// Profiles and client factors are frozen and shared by every request of a data version (src/questions/profiles.ts),
// so what the rules derive from them alone is worked out once per object, not once per technique per request.
const parsedSizes = new WeakMap<NodeMap, Array<Record<string, unknown>>>();
function effectSizesOf(cf: NodeMap): Array<Record<string, unknown>> {
  let sizes = parsedSizes.get(cf);
  if (!sizes) parsedSizes.set(cf, (sizes = typeof cf.effectSizes === 'string' ? (JSON.parse(cf.effectSizes) as Array<Record<string, unknown>>) : []));
  return sizes;
}
const readinessCache = new WeakMap<TechniqueProfile, Readiness>();
function readinessOf(p: TechniqueProfile): Readiness {
  let r = readinessCache.get(p);
  if (!r) readinessCache.set(p, (r = readiness(p.technique, p.stagePaths)));
  return r;
}

/** The rules of the fit; each returns the reasons it contributes for one technique. */
function reasonsFor(p: TechniqueProfile, profile: Profile, clientFactors: Map<string, NodeMap>): Reason[] {
  const t = p.technique;
  const reasons: Reason[] = [];
  const fromFactor = (
    factor: Factor,
    rule: { weight: number; clientFactor: string; evidence: string },
    sign: number,
    message: string,
    path: Path | null = null,
  ) => {
    const cf = clientFactors.get(rule.clientFactor) ?? null;
    const sizes = cf ? effectSizesOf(cf) : [];
    reasons.push({
      factor,
      weight: round(sign * rule.weight),
      message,
      clientFactor: cf,
      effectSize: sizes[0] ?? null,
      sources: cf?.sources ?? [],
      evidence: rule.evidence,
      path,
    });
  };

  const risks = profile.risks ?? [];
  for (const a of p.addresses
    .filter((x) => ((x.target.risks as string[] | undefined) ?? []).some((r) => risks.includes(r)))
    .sort((x, y) => byId(x.target, y.target))) {
    const flag = (a.target.risks as string[]).find((r) => risks.includes(r))!;
    const w = WEIGHTS.riskIndication;
    reasons.push({
      factor: 'INDICATION',
      weight: w.weight,
      message: `Indicated under ${flag.toLowerCase().replace(/_/g, ' ')}: it addresses ${lower(a.target.name)}, which comes first when that risk is present.`,
      clientFactor: null,
      effectSize: null,
      sources: [...new Set([...a.sources, ...w.sources])],
      evidence: a.evidence,
      path: makePath([{ from: t, type: 'ADDRESSES', to: a.target, sources: a.sources, evidence: a.evidence }]),
    });
  }
  const wanted = profile.targets ?? [];
  for (const a of p.addresses.filter((x) => wanted.includes(x.target.id)).sort((x, y) => byId(x.target, y.target))) {
    const w = WEIGHTS.target;
    reasons.push({
      factor: 'TARGET',
      weight: w.weight,
      message: `Addresses ${lower(a.target.name)}, a target of this profile.`,
      clientFactor: null,
      effectSize: null,
      sources: [...new Set([...a.sources, ...w.sources])],
      evidence: a.evidence,
      path: makePath([{ from: t, type: 'ADDRESSES', to: a.target, sources: a.sources, evidence: a.evidence }]),
    });
  }

  for (const a of p.addresses.filter((x) => !wanted.includes(x.target.id) && conditionApplies(x.target, profile)).sort((x, y) => byId(x.target, y.target))) {
    const w = WEIGHTS.impliedTarget;
    reasons.push({
      factor: factorOf(String(a.target.profileField)),
      weight: w.weight,
      message: `Addresses ${lower(a.target.name)}, which this profile implies (${String(a.target.profileField)} ${String(profile[a.target.profileField as keyof Profile]).toLowerCase()}).`,
      clientFactor: null,
      effectSize: null,
      sources: a.sources,
      evidence: w.evidence,
      path: makePath([{ from: t, type: 'ADDRESSES', to: a.target, sources: a.sources, evidence: a.evidence }]),
    });
    break;
  }

  if (profile.format && !((t.formats as string[] | undefined) ?? []).includes('INDIVIDUAL') && profile.format !== 'INDIVIDUAL') {
    const w = WEIGHTS.formatNative;
    reasons.push({
      factor: 'FORMAT',
      weight: w.weight,
      message: `Made for the ${profile.format.toLowerCase()} format, not adapted from individual work.`,
      clientFactor: null,
      effectSize: null,
      sources: [...w.sources],
      evidence: w.evidence,
      path: null,
    });
  }

  if (profile.stageOfChange) {
    const stage = profile.stageOfChange;
    const r = readinessOf(p);
    const distance = stageDistance(r, stage);
    const stageName = stage.toLowerCase();
    const match = p.stagePaths.filter((s) => s.stage.stage === stage).sort((a, b) => byId(a.process, b.process));
    if (distance === 0) {
      const m = match[0];
      const path = m
        ? makePath([
            { from: t, type: 'EMPLOYS', to: m.process, ...m.employs },
            { from: m.process, type: 'SERVES', to: m.stage, ...m.serves },
          ])
        : null;
      fromFactor(
        'STAGE_OF_CHANGE',
        WEIGHTS.stageOfChange,
        1,
        m
          ? `Suits the ${stageName} stage: it employs ${lower(m.process.name)}, a process of change of that stage.`
          : `Suits the ${stageName} stage. ${r.basis}`,
        path,
      );
    } else {
      const share = Math.min(distance * WEIGHTS.stageDistancePenalty.weight, 2);
      fromFactor(
        'STAGE_OF_CHANGE',
        WEIGHTS.stageOfChange,
        -share,
        `Suits ${r.stages.map((x) => x.toLowerCase()).join(', ')}, ${distance} stage(s) from ${stageName}. ${r.basis}`,
      );
    }
    for (const a of p.addresses) {
      const f = a.focus.find((x) => x.stage.stage === stage);
      if (!f) continue;
      fromFactor(
        'STAGE_OF_CHANGE',
        WEIGHTS.stageFocus,
        1,
        `Addresses ${lower(a.target.name)}, the focus of the ${stageName} stage.`,
        makePath([
          { from: t, type: 'ADDRESSES', to: a.target, sources: a.sources, evidence: a.evidence },
          { from: a.target, type: 'FOCUS_IN', to: f.stage, sources: f.sources, evidence: f.evidence },
        ]),
      );
      break;
    }
  }

  if (profile.reactance === 'HIGH') {
    if (t.directiveness === 'LOW')
      fromFactor('REACTANCE', WEIGHTS.reactance, 1, 'Non-directive: clients high in reactance do better when the therapist leads less.');
    if (t.directiveness === 'HIGH') fromFactor('REACTANCE', WEIGHTS.reactance, -1, 'Highly directive: likely to provoke a client high in reactance.');
  } else if (profile.reactance === 'LOW' && t.directiveness === 'HIGH') {
    fromFactor('REACTANCE', WEIGHTS.reactance, 0.5, 'Directive: clients low in reactance tend to benefit from therapist guidance.');
  }

  if (profile.copingStyle) {
    const wants = profile.copingStyle === 'EXTERNALIZING' ? 'SKILL' : 'INSIGHT';
    const label = profile.copingStyle === 'EXTERNALIZING' ? 'skill- and symptom-focused work' : 'insight-oriented work';
    if (t.focus === wants)
      fromFactor('COPING_STYLE', WEIGHTS.copingStyle, 1, `Fits an ${profile.copingStyle.toLowerCase()} coping style, which responds best to ${label}.`);
    else if (t.focus === 'BOTH')
      fromFactor('COPING_STYLE', WEIGHTS.copingStyle, 0.5, `Combines insight and skill, partly fitting an ${profile.copingStyle.toLowerCase()} coping style.`);
    else
      fromFactor(
        'COPING_STYLE',
        WEIGHTS.copingStyle,
        -0.5,
        `Its ${String(t.focus).toLowerCase()} focus fits an ${profile.copingStyle.toLowerCase()} coping style less well than ${label}.`,
      );
  }

  if (profile.psychologicalMindedness === 'LOW' && t.focus === 'INSIGHT') {
    fromFactor(
      'PSYCHOLOGICAL_MINDEDNESS',
      WEIGHTS.psychologicalMindedness,
      -1,
      'Insight-oriented: presumes a psychological mindedness this client reports as low.',
    );
  } else if (profile.psychologicalMindedness === 'HIGH' && t.focus !== 'SKILL') {
    fromFactor('PSYCHOLOGICAL_MINDEDNESS', WEIGHTS.psychologicalMindedness, 1, 'Draws on the client\u2019s high psychological mindedness.');
  }

  const stabilizing = phaseIds(p).includes('stabilization');
  if (profile.emotionalReactivity === 'HIGH') {
    if (t.intensity === 'HIGH')
      fromFactor(
        'EMOTIONAL_REACTIVITY',
        WEIGHTS.emotionalReactivity,
        -1,
        'Emotionally intense: risks overwhelming a highly reactive client before regulation skills are in place.',
      );
    if (stabilizing) fromFactor('EMOTIONAL_REACTIVITY', WEIGHTS.emotionalReactivity, 1, 'A stabilisation technique, suited to high emotional reactivity.');
  }

  if (profile.relationalStyle === 'DISORGANIZED' || profile.relationalStyle === 'ANXIOUS') {
    if (stabilizing)
      fromFactor(
        'RELATIONAL_STYLE',
        WEIGHTS.relationalStyle,
        1,
        `Builds safety and stability, which a ${profile.relationalStyle.toLowerCase()} relational style needs first.`,
      );
    if (t.intensity === 'HIGH')
      fromFactor(
        'RELATIONAL_STYLE',
        WEIGHTS.relationalStyle,
        -1,
        `Intense work can strain the alliance with a ${profile.relationalStyle.toLowerCase()} relational style.`,
      );
  } else if (profile.relationalStyle === 'AVOIDANT' && t.intensity === 'HIGH') {
    fromFactor('RELATIONAL_STYLE', WEIGHTS.relationalStyle, -0.5, 'Intense emotional demand early can push an avoidant client away.');
  }

  if (profile.learningStyle) {
    const wanted = { EXPERIENTIAL: ['affect', 'sensation', 'imagery'], COGNITIVE: ['cognition'], BEHAVIORAL: ['behavior'] }[profile.learningStyle] ?? [];
    const hit = p.modalities.find((m) => wanted.includes(m.modality.id));
    if (hit) {
      fromFactor(
        'LEARNING_STYLE',
        WEIGHTS.learningStyle,
        1,
        `Works in the ${lower(hit.modality.name)} modality, matching a stated ${profile.learningStyle.toLowerCase()} preference (weak evidence).`,
        makePath([{ from: t, type: 'TARGETS', to: hit.modality, sources: hit.sources, evidence: hit.evidence }]),
      );
    }
  }

  if ((profile.risks ?? []).length && stabilizing) {
    const r = WEIGHTS.riskStabilization;
    const ph = p.phases.find((x) => x.phase.id === 'stabilization')!;
    reasons.push({
      factor: 'RISK',
      weight: r.weight,
      message: 'Risk is present: stabilisation comes before processing work.',
      clientFactor: null,
      effectSize: null,
      sources: [...r.sources],
      evidence: r.evidence,
      path: makePath([{ from: t, type: 'IN_PHASE', to: ph.phase, sources: ph.sources, evidence: ph.evidence }]),
    });
  }

  return reasons;
}

function baseReason(v: Verdict | undefined): Reason | null {
  if (!v) return null;
  if (v.native) {
    return {
      factor: 'BASE_MODEL',
      weight: WEIGHTS.baseNative.weight,
      message: `Part of ${v.baseModel.name}.`,
      clientFactor: null,
      effectSize: null,
      sources: [...WEIGHTS.baseNative.sources],
      evidence: WEIGHTS.baseNative.evidence,
      path: makePath([{ from: v.baseModel, type: 'USES', to: v.technique, sources: v.technique.sources ?? [], evidence: String(v.technique.evidence) }]),
    };
  }
  if (v.reframing && v.reframingPath) {
    return {
      factor: 'BASE_MODEL',
      weight: WEIGHTS.baseAssimilated.weight,
      message: `Assimilates into ${v.baseModel.name}: ${v.reframing}`,
      clientFactor: null,
      effectSize: null,
      sources: [...WEIGHTS.baseAssimilated.sources, ...v.reframingPath.steps[0].sources],
      evidence: WEIGHTS.baseAssimilated.evidence,
      path: v.reframingPath,
    };
  }
  return null;
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
  profiles: TechniqueProfile[],
  profile: Profile,
  clientFactors: Map<string, NodeMap>,
  base?: { verdicts: Map<string, Verdict>; model: NodeMap },
): { recommendations: Recommendation[]; excluded: Exclusion[] } {
  const recommendations: Recommendation[] = [];
  const excluded: Exclusion[] = [];
  for (const p of profiles) {
    const t = p.technique;
    if (profile.format && !((t.formats as string[] | undefined) ?? []).includes(profile.format)) continue;
    const applying = p.contraindications
      .filter((c) => conditionApplies(c.contraindication, profile))
      .sort((a, b) => byId(a.contraindication, b.contraindication));
    const absolute = applying.filter((c) => c.severity === 'ABSOLUTE');
    const verdict = base?.verdicts.get(t.id);
    const conflicts = verdict && !verdict.compatible ? verdict.conflicts.filter((c) => !c.resolvedByReframing) : [];
    if (absolute.length || conflicts.length) {
      const why = [
        ...absolute.map((c) => `ruled out by ${lower(c.contraindication.name)} (${c.reason.replace(/\.$/, '')})`),
        ...(conflicts.length ? [verdict!.explanation] : []),
      ];
      excluded.push({ technique: t, contraindications: absolute, conflicts, explanation: `${t.name} is excluded: ${why.join('; ')}.`.replace(/\.\.$/, '.') });
      continue;
    }
    const cautions = applying.filter((c) => c.severity === 'CAUTION');
    const reasons = reasonsFor(p, profile, clientFactors);
    const b = baseReason(verdict);
    if (b) reasons.push(b);
    for (const c of cautions) {
      reasons.push({
        factor: 'RISK',
        weight: WEIGHTS.caution.weight,
        message: `Caution: ${lower(c.contraindication.name)}: ${c.reason}`,
        clientFactor: null,
        effectSize: null,
        sources: c.sources,
        evidence: c.evidence,
        path: makePath([{ from: t, type: 'HAS_CONTRAINDICATION', to: c.contraindication, sources: c.sources, evidence: c.evidence }]),
      });
    }
    const score = round(reasons.reduce((s, r) => s + r.weight, 0));
    const tier: Tier = reasons.some((r) => r.factor === 'INDICATION') ? 'INDICATED' : reasons.some((r) => r.factor === 'TARGET') ? 'TARGETED' : 'MATCHED';
    recommendations.push({ technique: t, tier, score, reasons, cautions, explanation: explainScore(t, score, reasons) });
  }
  recommendations.sort(
    (a, b) =>
      TIER_RANK[a.tier] - TIER_RANK[b.tier] ||
      b.score - a.score ||
      evidenceRank(b.technique.evidence) - evidenceRank(a.technique.evidence) ||
      byId(a.technique, b.technique),
  );
  excluded.sort((a, b) => byId(a.technique, b.technique));
  return { recommendations, excluded };
}

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

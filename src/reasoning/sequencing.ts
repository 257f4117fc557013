import type { Verdict } from './assimilation.js';
import { makePath, type NodeMap, type Path } from './graph.js';
import { conditionApplies, type Profile, type TechniqueProfile } from './tailoring.js';

export type ViolationKind = 'SEQUENCE' | 'MISSING_PREREQUISITE' | 'CONTRAINDICATION' | 'CONTRADICTION' | 'FIT';

export interface Violation {
  kind: ViolationKind;
  stepIndex: number;
  technique: NodeMap;
  /** For MISSING_PREREQUISITE: the technique the plan lacks. */
  missing?: NodeMap | null;
  message: string;
  path: Path | null;
  sources: string[];
}

export interface PlanValidation {
  valid: boolean;
  violations: Violation[];
  warnings: Violation[];
  explanation: string;
}

export const MAX_PLAN_STEPS = 50;

const orders = (p: TechniqueProfile) => p.phases.map((x) => Number(x.phase.order));
const minPhase = (p: TechniqueProfile) => (p.phases.length ? Math.min(...orders(p)) : null);
const maxPhase = (p: TechniqueProfile) => (p.phases.length ? Math.max(...orders(p)) : null);
const has = (p: TechniqueProfile, id: string) => p.phases.some((x) => x.phase.id === id);

/** Whether the profile calls for stabilisation before any processing work (Herman 1992; Cloitre et al. 2011). */
export function needsStabilization(profile: Profile | undefined): boolean {
  if (!profile) return false;
  return (profile.risks ?? []).length > 0 || profile.emotionalReactivity === 'HIGH' || profile.relationalStyle === 'DISORGANIZED';
}

/**
 * Checks a sequence of techniques. `steps[i]` is the profile of the technique at position i. The hierarchy:
 * hard prerequisites (REQUIRES) must be in the plan (else MISSING_PREREQUISITE) and come earlier (else SEQUENCE); soft orderings (SHOULD_FOLLOW) must not be reversed; no step
 * may precede a step of an earlier treatment phase; and when the profile carries risk, processing work must be
 * preceded by stabilisation. With a profile: ABSOLUTE contraindications and format mismatches invalidate the plan,
 * cautions warn. With a base model: techniques that contradict its tenets invalidate the plan.
 */
export function validatePlan(steps: TechniqueProfile[], profile?: Profile, baseVerdicts?: Map<string, Verdict>): PlanValidation {
  const violations: Violation[] = [];
  const warnings: Violation[] = [];
  const firstIndex = new Map<string, number>();
  steps.forEach((s, i) => firstIndex.has(s.technique.id) || firstIndex.set(s.technique.id, i));

  steps.forEach((s, j) => {
    const t = s.technique;
    for (const r of s.requires) {
      const at = firstIndex.get(r.technique.id);
      if (at === undefined || at >= j) {
        // Absent and misplaced are different advice: add a step, or reorder the ones there are.
        violations.push({
          kind: at === undefined ? 'MISSING_PREREQUISITE' : 'SEQUENCE',
          stepIndex: j,
          technique: t,
          missing: at === undefined ? r.technique : null,
          message: `${t.name} requires ${r.technique.name} first${at === undefined ? ', which the plan lacks' : `, but it comes later (step ${at})`}${r.reason ? `: ${r.reason}` : '.'}`,
          path: makePath([{ from: t, type: 'REQUIRES', to: r.technique, sources: r.sources, evidence: r.evidence }]),
          sources: r.sources,
        });
      }
    }
    for (const f of s.follows) {
      const at = firstIndex.get(f.technique.id);
      if (at !== undefined && at > j) {
        violations.push({
          kind: 'SEQUENCE',
          stepIndex: j,
          technique: t,
          message: `${t.name} should follow ${f.technique.name}, which comes later (step ${at})${f.reason ? `: ${f.reason}` : '.'}`,
          path: makePath([{ from: t, type: 'SHOULD_FOLLOW', to: f.technique, sources: f.sources, evidence: f.evidence }]),
          sources: f.sources,
        });
      }
    }
  });

  // Phase hierarchy: a step may not come before a step that belongs wholly to an earlier phase.
  steps.forEach((s, i) => {
    const lo = minPhase(s);
    if (lo === null) return;
    const j = steps.findIndex((later, k) => k > i && (maxPhase(later) ?? Infinity) < lo);
    if (j === -1) return;
    const early = steps[j];
    const ph = s.phases.find((x) => Number(x.phase.order) === lo)!;
    const eph = early.phases.find((x) => Number(x.phase.order) === maxPhase(early))!;
    violations.push({
      kind: 'SEQUENCE',
      stepIndex: i,
      technique: s.technique,
      message: `${s.technique.name} (${ph.phase.name.toLowerCase()}) comes before ${early.technique.name} (step ${j}, ${eph.phase.name.toLowerCase()}); the ${eph.phase.name.toLowerCase()} phase comes first.`,
      // technique -IN_PHASE-> later phase <-PRECEDES- earlier phase <-IN_PHASE- the step that should come first
      path: makePath([
        { from: s.technique, type: 'IN_PHASE', to: ph.phase, sources: ph.sources, evidence: ph.evidence },
        { from: eph.phase, type: 'PRECEDES', to: ph.phase, sources: eph.phase.sources ?? [], evidence: String(eph.phase.evidence) },
        { from: early.technique, type: 'IN_PHASE', to: eph.phase, sources: eph.sources, evidence: eph.evidence },
      ]),
      sources: [...ph.sources, ...eph.sources],
    });
  });

  if (needsStabilization(profile)) {
    const k = steps.findIndex((s) => has(s, 'processing') && !has(s, 'stabilization'));
    if (k !== -1 && !steps.slice(0, k).some((s) => has(s, 'stabilization'))) {
      const s = steps[k];
      const ph = s.phases.find((x) => x.phase.id === 'processing')!;
      violations.push({
        kind: 'SEQUENCE',
        stepIndex: k,
        technique: s.technique,
        message: `${s.technique.name} is processing work, and this profile (risk or high reactivity) needs a stabilisation step before it.`,
        path: makePath([{ from: s.technique, type: 'IN_PHASE', to: ph.phase, sources: ph.sources, evidence: ph.evidence }]),
        sources: ['herman-1992', 'cloitre-2011'],
      });
    }
  }

  steps.forEach((s, i) => {
    const t = s.technique;
    if (profile) {
      for (const c of s.contraindications.filter((x) => conditionApplies(x.contraindication, profile))) {
        (c.severity === 'ABSOLUTE' ? violations : warnings).push({
          kind: 'CONTRAINDICATION',
          stepIndex: i,
          technique: t,
          message: `${t.name}: ${c.severity === 'ABSOLUTE' ? 'contraindicated' : 'caution'} with ${c.contraindication.name.toLowerCase()}: ${c.reason}`,
          path: makePath([{ from: t, type: 'HAS_CONTRAINDICATION', to: c.contraindication, sources: c.sources, evidence: c.evidence }]),
          sources: c.sources,
        });
      }
      if (profile.format && !((t.formats as string[] | undefined) ?? []).includes(profile.format)) {
        violations.push({
          kind: 'FIT',
          stepIndex: i,
          technique: t,
          message: `${t.name} is not delivered in the ${profile.format.toLowerCase()} format (it is: ${((t.formats as string[]) ?? []).join(', ').toLowerCase()}).`,
          path: null,
          sources: t.sources ?? [],
        });
      }
      if (profile.stageOfChange && s.stagePaths.length && !s.stagePaths.some((p) => p.stage.stage === profile.stageOfChange)) {
        warnings.push({
          kind: 'FIT',
          stepIndex: i,
          technique: t,
          message: `${t.name} employs processes of change suited to other stages than ${profile.stageOfChange.toLowerCase()}.`,
          path: null,
          sources: ['prochaska-1992'],
        });
      }
    }
    const v = baseVerdicts?.get(t.id);
    if (v && !v.compatible) {
      const c = v.conflicts.find((x) => !x.resolvedByReframing)!;
      violations.push({
        kind: 'CONTRADICTION',
        stepIndex: i,
        technique: t,
        message: v.explanation,
        path: c.path,
        sources: c.path.steps.flatMap((st) => st.sources),
      });
    }
  });

  violations.sort((a, b) => a.stepIndex - b.stepIndex || a.kind.localeCompare(b.kind) || a.message.localeCompare(b.message));
  warnings.sort((a, b) => a.stepIndex - b.stepIndex || a.kind.localeCompare(b.kind) || a.message.localeCompare(b.message));
  const valid = violations.length === 0;
  const explanation = valid
    ? `The plan respects the hierarchy${profile ? ' and the profile' : ''}${baseVerdicts ? ' and the base model' : ''}${warnings.length ? `, with ${warnings.length} caution(s)` : ''}.`
    : `The plan has ${violations.length} violation(s); the first: ${violations[0].message}`;
  return { valid, violations, warnings, explanation };
}

import type { Verdict } from './assimilation.js';
import type { NodeMap } from './graph.js';
import { validatePlan, type PlanValidation } from './sequencing.js';
import { TIER_RANK, type Reason, type Recommendation, type TechniqueProfile } from './tailoring.js';

export interface PlannedStep {
  technique: NodeMap;
  phase: NodeMap;
  rationale: string;
  reasons: Reason[];
}

export interface TreatmentPlan {
  phases: Array<{ phase: NodeMap; steps: PlannedStep[] }>;
  stepIds: string[];
  validation: PlanValidation;
}

/** Techniques chosen per phase: enough to show a shape, few enough to read. */
export const STEPS_PER_PHASE = 2;
/** Preference for techniques aimed at a requested modality, on the same scale as the fit's weights. */
const FOCUS_BONUS = 0.25;

/**
 * Builds a phase-ordered plan from the fit: the best-ranked techniques of each phase (stabilisation, processing,
 * integration; indicated under the profile's risks first, then addressing its targets, then by score), their hard prerequisites placed before them, ordered so that prerequisites and soft orderings
 * hold. The plan is then run through validatePlan, and any step it objects to is dropped until it validates, so
 * the plan returned always passes validatePlan for the same profile and base.
 */
export function planTreatment(
  recommendations: Recommendation[],
  profiles: Map<string, TechniqueProfile>,
  phases: NodeMap[],
  validate: (steps: TechniqueProfile[]) => PlanValidation,
  focusModalities: string[] = [],
): TreatmentPlan {
  const recommended = new Map(recommendations.map((r) => [r.technique.id, r]));
  // The fit's own order (tier, score, evidence, id) breaks the remaining ties.
  const rankOf = new Map(recommendations.map((r, i) => [r.technique.id, i]));
  const ordered = [...phases].sort((a, b) => Number(a.order) - Number(b.order));
  const phaseOf = new Map<string, NodeMap>();
  const focusScore = (r: Recommendation) =>
    r.score + (profiles.get(r.technique.id)!.modalities.some((m) => focusModalities.includes(m.modality.id)) ? FOCUS_BONUS : 0);

  for (const phase of ordered) {
    const candidates = recommendations
      .filter((r) => r.score >= 0 && !phaseOf.has(r.technique.id))
      .filter((r) => profiles.get(r.technique.id)!.phases.some((p) => p.phase.id === phase.id))
      // Indicated and targeted techniques first, so a plan for a risk starts with what is indicated for it.
      .sort((a, b) => TIER_RANK[a.tier] - TIER_RANK[b.tier] || focusScore(b) - focusScore(a) || rankOf.get(a.technique.id)! - rankOf.get(b.technique.id)!);
    let picked = 0;
    for (const r of candidates) {
      if (picked >= STEPS_PER_PHASE) break;
      if (!addWithPrerequisites(r.technique.id, phase)) continue;
      picked += 1;
    }
  }

  /**
   * Adds a technique and (recursively) its REQUIRES prerequisites, all or nothing: when a prerequisite is excluded,
   * none of the chain is added.
   */
  function addWithPrerequisites(id: string, phase: NodeMap): boolean {
    const staged = new Map<string, NodeMap>();
    const stage = (tid: string, home: NodeMap, seen: Set<string>): boolean => {
      if (phaseOf.has(tid) || staged.has(tid)) return true;
      if (seen.has(tid) || !recommended.has(tid)) return false;
      seen.add(tid);
      for (const req of profiles.get(tid)!.requires) {
        const reqPhase =
          profiles
            .get(req.technique.id)
            ?.phases.map((x) => x.phase)
            .sort((a, b) => Number(a.order) - Number(b.order))[0] ?? home;
        if (!stage(req.technique.id, Number(reqPhase.order) <= Number(home.order) ? reqPhase : home, seen)) return false;
      }
      staged.set(tid, home);
      return true;
    };
    if (!stage(id, phase, new Set())) return false;
    for (const [tid, home] of staged) phaseOf.set(tid, home);
    return true;
  }

  let ids = sequence([...phaseOf.keys()]);
  let validation = validate(ids.map((id) => profiles.get(id)!));
  for (let guard = 0; !validation.valid && guard < 100; guard++) {
    const drop = ids[validation.violations[0].stepIndex];
    phaseOf.delete(drop);
    // A step whose prerequisite was dropped must go too; validation catches it on the next round.
    ids = sequence([...phaseOf.keys()]);
    validation = validate(ids.map((id) => profiles.get(id)!));
  }

  /** Orders by phase, then so that REQUIRES and SHOULD_FOLLOW targets come first, then in the fit's order. */
  function sequence(chosen: string[]): string[] {
    const out: string[] = [];
    for (const phase of ordered) {
      const inPhase = chosen.filter((id) => phaseOf.get(id)!.id === phase.id).sort((a, b) => rankOf.get(a)! - rankOf.get(b)!);
      const placed = new Set<string>();
      const visit = (id: string, path: Set<string>) => {
        if (placed.has(id) || path.has(id)) return;
        path.add(id);
        const p = profiles.get(id)!;
        for (const before of [...p.requires, ...p.follows]) if (inPhase.includes(before.technique.id)) visit(before.technique.id, path);
        placed.add(id);
        out.push(id);
      };
      for (const id of inPhase) visit(id, new Set());
    }
    return out;
  }

  const phasesOut = ordered.map((phase) => ({
    phase,
    steps: ids
      .filter((id) => phaseOf.get(id)!.id === phase.id)
      .map((id) => {
        const r = recommended.get(id)!;
        return { technique: r.technique, phase, reasons: r.reasons, rationale: `${phase.name}: ${r.explanation}` };
      }),
  }));
  return { phases: phasesOut, stepIds: ids, validation };
}

/** The same validation validatePlan runs, bound to one profile and base. */
export const validatorFor = (profile: Parameters<typeof validatePlan>[1], verdicts?: Map<string, Verdict>) => (steps: TechniqueProfile[]) =>
  validatePlan(steps, profile, verdicts);

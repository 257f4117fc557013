import { assimilableTechniques } from '../../questions/assimilable.js';
import { assimilationMatrix, byLabel, verdicts } from '../../questions/assimilation.js';
import { fit, tailorTechniques } from '../../questions/tailor.js';
import { checkPlan } from '../../questions/validate-plan.js';
import { DISCLAIMER, type NodeMap } from '../../reasoning/graph.js';
import { matchProblems, matchTarget } from '../../reasoning/multimodal.js';
import { planTreatment, validatorFor } from '../../reasoning/planning.js';
import { MAX_PLAN_STEPS } from '../../reasoning/sequencing.js';
import { conditionApplies, TAILORING_METHOD, type AppliedContraindication, type Profile } from '../../reasoning/tailoring.js';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import type { ClientProfileInput, Resolvers } from '../generated.js';
import type { LinkRecord } from '../records.js';
import { loadNodes, MAX_PAGE, pageSize, requireEntities } from '../../questions/entities.js';

/**
 * The reasoning questions. Each resolver: check ids (NOT_FOUND names the id), run its named Cypher
 * (cypher/assimilation-base, technique-profiles, multimodal-plan), then apply the pure rules in src/reasoning/.
 * Round trips per operation are fixed (at most four), whatever the size of the answer. Where a question is a use
 * case of its own (src/questions/: assimilable, tailor, validate-plan), the resolver only checks its arguments,
 * calls it and presents the answer; the benchmark's floor calls the same functions.
 */

const limit = (first: number | null | undefined, field = 'first') => pageSize(first, 20, MAX_PAGE, field);

/** Fails with NOT_FOUND naming the first id that is not an entity of the expected label (shared node batch). */
async function requireIds(ctx: Context, ids: string[], label: string, field: string): Promise<void> {
  await requireEntities(ctx, ids, field, label);
}

const profileOf = (p: ClientProfileInput | null | undefined): Profile => ({ ...(p ?? {}) });

/** Kept per data version in memory and refreshed incrementally after writes (src/questions/profiles.ts). */

/** Presents an applied contraindication as the TechniqueContraindication edge type. */
const asLink = (technique: NodeMap, c: AppliedContraindication): LinkRecord => ({
  type: 'HAS_CONTRAINDICATION',
  direction: 'OUT',
  self: technique,
  node: c.contraindication,
  props: { severity: c.severity, reason: c.reason, sources: c.sources, evidence: c.evidence as LinkRecord['props']['evidence'] },
});

export const MAX_MATRIX_BASES = 100;
export const MAX_MATRIX_TECHNIQUES = 500;

const cited = { sources: (r: { sources: string[] }, _a: unknown, ctx: Context) => loadNodes(ctx, r.sources) };

export const reasoningResolvers: Resolvers = {
  Query: {
    assimilationCheck: async (_p, { baseModelId, techniqueId }, ctx) => {
      const [, , rows] = await Promise.all([
        requireIds(ctx, [baseModelId], 'Model', 'baseModelId'),
        requireIds(ctx, [techniqueId], 'Technique', 'techniqueId'),
        verdicts(ctx, baseModelId, [techniqueId]),
      ]);
      return rows[0];
    },
    assimilableTechniques: (_p, { baseModelId, first }, ctx) => assimilableTechniques(ctx, baseModelId, limit(first)),
    tailor: async (_p, { profile, baseModelId, first }, ctx) => {
      const result = await tailorTechniques(ctx, profileOf(profile), baseModelId, limit(first));
      return {
        recommendations: result.recommendations.map((r) => ({
          technique: r.technique,
          tier: r.tier,
          score: r.score,
          // Getters: reasons and explanation are worked out only for the page, and only if selected.
          get reasons() {
            return r.reasons;
          },
          get explanation() {
            return r.explanation;
          },
          cautions: r.cautions.map((c) => asLink(r.technique, c)),
        })),
        excluded: result.excluded.map((e) => ({ ...e, contraindications: e.contraindications.map((c) => asLink(e.technique, c)) })),
        method: TAILORING_METHOD,
        disclaimer: DISCLAIMER,
      };
    },
    validatePlan: (_p, { steps, profile, baseModelId }, ctx) => {
      if (steps.length > MAX_PLAN_STEPS) throw badInput(`A plan has at most ${MAX_PLAN_STEPS} steps (got ${steps.length})`, 'steps');
      return checkPlan(ctx, steps, profile ? profileOf(profile) : undefined, baseModelId);
    },
    planTreatment: async (_p, { profile, baseModelId, focusModalities }, ctx) => {
      await Promise.all([
        baseModelId ? requireIds(ctx, [baseModelId], 'Model', 'baseModelId') : null,
        requireIds(ctx, focusModalities ?? [], 'Modality', 'focusModalities'),
      ]);
      const p = profileOf(profile);
      const [result, phases] = await Promise.all([fit(ctx, p, baseModelId), byLabel(ctx, 'Phase')]);
      const profiles = new Map(result.profiles.map((x) => [x.technique.id, x]));
      const plan = planTreatment(result.recommendations, profiles, phases, validatorFor(p, result.baseArg?.verdicts), focusModalities ?? []);
      return { ...plan, disclaimer: DISCLAIMER };
    },
    multimodalPlan: async (_p, { problems, profile, perProblem }, ctx) => {
      if (problems.length > MAX_PLAN_STEPS) throw badInput(`At most ${MAX_PLAN_STEPS} problems (got ${problems.length})`, 'problems');
      const n = limit(perProblem, 'perProblem');
      problems.forEach((pr, i) => {
        if ((pr.problem ?? '').length > 500) throw badInput('A problem description has at most 500 characters', `problems[${i}].problem`);
        if (!pr.problem?.trim() && !pr.target) throw badInput('Each problem needs a `problem` text or a `target` id', `problems[${i}]`);
      });
      const givenTargets = problems.map((p) => p.target ?? null);
      await Promise.all([
        requireIds(
          ctx,
          problems.map((p) => p.modality),
          'Modality',
          'problems.modality',
        ),
        requireIds(
          ctx,
          givenTargets.filter((t): t is string => t !== null),
          'Target',
          'problems.target',
        ),
      ]);
      const rows = await ctx.db.read('multimodal-plan', { modalities: problems.map((p) => p.modality), targets: givenTargets }, ctx.trips);
      // A given target wins; otherwise the problem's words are matched against the targets filed under its modality.
      const targets = rows.map((r) => {
        const given = givenTargets[r.index];
        if (given)
          return (
            r.techniques.flatMap((c) => c.addresses).find((a) => a.target.id === given)?.target ?? {
              __label: 'Target',
              id: given,
              name: given,
              __partial: true,
            }
          );
        return matchTarget(problems[r.index].problem ?? '', r.modalityTargets);
      });
      const excluded = new Set<string>();
      if (profile) {
        const p = profileOf(profile);
        const ids = [...new Set(rows.flatMap((r) => r.techniques.map((t) => t.technique.id)))];
        for (const tp of await ctx.loaders.profiles.load(ids)) {
          if (tp.contraindications.some((c) => c.severity === 'ABSOLUTE' && conditionApplies(c.contraindication, p))) excluded.add(tp.technique.id);
          if (p.format && !((tp.technique.formats as string[]) ?? []).includes(p.format)) excluded.add(tp.technique.id);
        }
      }
      return {
        items: matchProblems(rows, problems, targets, n, excluded),
        explanation:
          'Multimodal Therapy (Lazarus) assesses problems across the seven BASIC I.D. modalities and answers each with techniques chosen for the problem rather than for their school (technical eclecticism): those that address the clinical target the problem names (given, or matched from its words) first, then others aimed at that modality.' +
          (excluded.size ? ` ${excluded.size} technique(s) were left out as contraindicated or unavailable for the profile.` : ''),
        disclaimer: DISCLAIMER,
      };
    },
    assimilationMatrix: async (_p, { baseModelIds, techniqueIds }, ctx) => {
      if ((baseModelIds?.length ?? 0) > MAX_MATRIX_BASES) throw badInput(`At most ${MAX_MATRIX_BASES} base models`, 'baseModelIds');
      if ((techniqueIds?.length ?? 0) > MAX_MATRIX_TECHNIQUES) throw badInput(`At most ${MAX_MATRIX_TECHNIQUES} techniques`, 'techniqueIds');
      await Promise.all([requireIds(ctx, baseModelIds ?? [], 'Model', 'baseModelIds'), requireIds(ctx, techniqueIds ?? [], 'Technique', 'techniqueIds')]);
      return assimilationMatrix(ctx, baseModelIds ?? null, techniqueIds ?? null);
    },
  },
  PathStep: cited,
  FitReason: cited,
  PlanViolation: cited,
};

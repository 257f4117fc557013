import type { Context } from '../graphql/context.js';
import { requireEntities } from './entities.js';
import { validatePlan, type PlanValidation } from '../reasoning/sequencing.js';
import type { Profile } from '../reasoning/tailoring.js';
import { verdicts } from './assimilation.js';

/**
 * validatePlan: whether a sequence of techniques is a sound plan (order, prerequisites, the client's profile and,
 * given one, the base model). The ids are checked first (NOT_FOUND names the first unknown one), then the steps'
 * technique profiles and the base's verdicts are read side by side and the sequencing rules applied.
 */
export async function checkPlan(ctx: Context, steps: string[], profile: Profile | undefined, baseModelId: string | null | undefined): Promise<PlanValidation> {
  await Promise.all([requireEntities(ctx, steps, 'steps', 'Technique'), baseModelId ? requireEntities(ctx, [baseModelId], 'baseModelId', 'Model') : null]);
  const unique = [...new Set(steps)];
  const [profiles, base] = await Promise.all([ctx.loaders.profiles.load(unique), baseModelId ? verdicts(ctx, baseModelId, unique) : Promise.resolve(null)]);
  const byId = new Map(profiles.map((p) => [p.technique.id, p]));
  return validatePlan(
    steps.map((id) => byId.get(id)!),
    profile,
    base ? new Map(base.map((v) => [v.technique.id, v])) : undefined,
  );
}

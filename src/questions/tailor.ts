import type { Context } from '../graphql/context.js';
import { requireEntities } from './entities.js';
import { tailor, type Profile } from '../reasoning/tailoring.js';
import { byLabel, verdicts } from './assimilation.js';

/**
 * tailor: the techniques that fit a client profile (and, given one, a base model), ranked with reasons, and those
 * excluded with why. planTreatment builds on the same fit.
 */

/** Everything the fit needs, in three queries: technique profiles, client factors, and (with a base) verdicts. */
export async function fit(ctx: Context, profile: Profile, baseModelId: string | null | undefined) {
  const [profiles, factors, base] = await Promise.all([
    ctx.loaders.profiles.load('all'),
    byLabel(ctx, 'ClientFactor'),
    baseModelId ? verdicts(ctx, baseModelId, null, { includeNative: true }) : Promise.resolve(null),
  ]);
  const baseArg = base?.length ? { verdicts: new Map(base.map((v) => [v.technique.id, v])), model: base[0].baseModel } : undefined;
  const clientFactors = new Map(factors.map((f) => [f.id, f]));
  return { profiles, baseArg, ...tailor(profiles, profile, clientFactors, baseArg) };
}

/** The first `first` recommendations and every exclusion; an unknown base model is NOT_FOUND. */
export async function tailorTechniques(ctx: Context, profile: Profile, baseModelId: string | null | undefined, first: number) {
  const [, result] = await Promise.all([baseModelId ? requireEntities(ctx, [baseModelId], 'baseModelId', 'Model') : null, fit(ctx, profile, baseModelId)]);
  return { recommendations: result.recommendations.slice(0, first), excluded: result.excluded };
}

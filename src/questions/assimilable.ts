import type { Context } from '../graphql/context.js';
import { requireEntities } from './entities.js';
import { rankAssimilable, type Verdict } from '../reasoning/assimilation.js';
import { verdicts } from './assimilation.js';

/**
 * assimilableTechniques: the techniques a base model can take in (compatible, natively or by reframing), best
 * first. Side by side: the base model's existence (NOT_FOUND names it) and its compatible verdicts (the base's side
 * of the coherence rule, joined with the technique profiles).
 */
export async function assimilableTechniques(ctx: Context, baseModelId: string, first: number): Promise<Verdict[]> {
  const [, rows] = await Promise.all([requireEntities(ctx, [baseModelId], 'baseModelId', 'Model'), verdicts(ctx, baseModelId, null, { onlyCompatible: true })]);
  return rankAssimilable(rows).slice(0, first);
}

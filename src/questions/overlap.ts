import type { Context } from '../graphql/context.js';
import type { EntityRecord, ModelOverlapRecord, TenetDisagreementRecord } from '../graphql/records.js';
import { requireEntities } from './entities.js';
import { makePath, type Step } from '../reasoning/graph.js';
import { compareProfiles, type Profile } from '../research/overlap.js';

/**
 * modelOverlap (and overlapMatrix's profiles): what two models share per dimension (cypher/model-profiles, then the
 * set arithmetic of src/research/overlap.ts) and where their tenets disagree (cypher/model-disagreements). Item
 * nodes are left to the caller's DataLoader, so the cost does not grow with the size of the answer.
 */

export interface ProfileRow {
  model: EntityRecord;
  profile: Profile;
}

/** The profiles of the models in `ids` (all when null), in id order. */
export async function modelProfiles(ctx: Context, ids: string[] | null): Promise<ProfileRow[]> {
  const rows = await ctx.db.read('model-profiles', { ids }, ctx.trips);
  return rows.map((r) => ({
    model: r.model,
    profile: {
      TECHNIQUES: r.techniques,
      MECHANISMS: r.mechanisms,
      MODALITIES: r.modalities,
      TENETS: r.tenets,
      COMMON_FACTORS: r.commonFactors,
    },
  }));
}

/** Each tenet of `a` that contradicts one of `b`, with the path model -HOLDS-> tenet -CONTRADICTS- tenet <-HOLDS- model. */
export async function disagreements(ctx: Context, a: string, b: string): Promise<TenetDisagreementRecord[]> {
  const rows = await ctx.db.read('model-disagreements', { a, b }, ctx.trips);
  return rows.map((r) => {
    const { a: modelA, b: modelB, tenetOfA, tenetOfB, holdsA, holdsB, contradiction: c } = r;
    const [from, to] = r.fromA ? [tenetOfA, tenetOfB] : [tenetOfB, tenetOfA];
    const steps: Step[] = [
      { from: modelA, type: 'HOLDS', to: tenetOfA, sources: holdsA.sources ?? [], evidence: holdsA.evidence },
      { from, type: 'CONTRADICTS', to, sources: c.sources ?? [], evidence: c.evidence },
      { from: modelB, type: 'HOLDS', to: tenetOfB, sources: holdsB.sources ?? [], evidence: holdsB.evidence },
    ];
    return { tenetOfA, tenetOfB, reason: c.reason ?? null, sources: c.sources ?? [], evidence: c.evidence, path: makePath(steps) };
  });
}

/** Both models (NOT_FOUND names `a` or `b`), then their profiles and disagreements side by side. */
export async function modelOverlap(ctx: Context, a: string, b: string): Promise<ModelOverlapRecord> {
  const [modelA, modelB] = await Promise.all([requireEntities(ctx, [a], 'a', 'Model'), requireEntities(ctx, [b], 'b', 'Model')]);
  const [rows, disagree] = await Promise.all([modelProfiles(ctx, [...new Set([a, b])]), disagreements(ctx, a, b)]);
  const byId = new Map(rows.map((r) => [r.model.id, r.profile]));
  const overlap = compareProfiles(byId.get(a)!, byId.get(b)!);
  return { a: modelA[0], b: modelB[0], dimensions: overlap.dimensions, jaccard: overlap.jaccard, disagreements: disagree };
}

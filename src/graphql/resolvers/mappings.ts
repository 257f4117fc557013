import DataLoader from 'dataloader';
import type { Context } from '../context.js';
import type { MappingPredicate, Resolvers } from '../generated.js';
import type { Loaders } from '../loaders.js';
import type { EntityRecord, OntologyMappingRecord } from '../records.js';
import { loadNodes } from '../../questions/entities.js';

/**
 * Crosswalks to external ontologies (Technique.mappings, Mechanism.mappings): the MAPS_TO relationships the seed
 * loader writes from seed/mappings/*.sssom.tsv, read through cypher/mappings-by-subject.cypher.
 */

const PREDICATES: Record<string, MappingPredicate> = {
  'skos:exactMatch': 'EXACT_MATCH',
  'skos:closeMatch': 'CLOSE_MATCH',
  'skos:broadMatch': 'BROAD_MATCH',
  'skos:narrowMatch': 'NARROW_MATCH',
};

// One DataLoader per request, keyed on the request's loaders (fresh per request), so every `mappings` field of a
// nesting level is answered by one query, as the loaders in src/graphql/loaders.ts are.
const perRequest = new WeakMap<Loaders, DataLoader<string, OntologyMappingRecord[]>>();

function mappingLoader(ctx: Context): DataLoader<string, OntologyMappingRecord[]> {
  let loader = perRequest.get(ctx.loaders);
  if (!loader) {
    loader = new DataLoader<string, OntologyMappingRecord[]>(async (ids) => {
      const rows = await ctx.db.read('mappings-by-subject', { ids }, ctx.trips);
      const bySubject = new Map<string, OntologyMappingRecord[]>();
      for (const { id, ...r } of rows) {
        const record: OntologyMappingRecord = { ...r, confidence: Number(r.confidence), sources: r.sources ?? [] };
        bySubject.set(id, [...(bySubject.get(id) ?? []), record]);
      }
      return ids.map((id) => bySubject.get(id) ?? []);
    });
    perRequest.set(ctx.loaders, loader);
  }
  return loader;
}

const mappings = (self: EntityRecord, _args: unknown, ctx: Context): Promise<OntologyMappingRecord[]> => mappingLoader(ctx).load(self.id);

export const mappingResolvers: Resolvers = {
  Technique: { mappings },
  Mechanism: { mappings },
  OntologyMapping: {
    predicate: (m) => PREDICATES[m.predicate],
    predicateId: (m) => m.predicate,
    sources: (m, _a, ctx) => loadNodes(ctx, m.sources),
  },
};

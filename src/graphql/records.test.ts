import { describe, expectTypeOf, it } from 'vitest';
import type { EvidenceLevel, OverlapDimension, SearchField, Severity, Snippet } from './generated.js';
import type { DimensionOverlapRecord, LinkRecord, OntologyMappingRecord, SearchHitRecord } from './records.js';

// records.ts takes the SDL's enums from the lower modules (generated.ts imports records.ts, so it cannot import back);
// npm run typecheck fails here the moment the SDL and those declarations drift apart.
describe('records declare the SDL enums as generated.ts does', () => {
  it('evidence, severity, overlap dimension, search field and snippet', () => {
    expectTypeOf<LinkRecord['props']['evidence']>().toEqualTypeOf<EvidenceLevel>();
    expectTypeOf<OntologyMappingRecord['evidence']>().toEqualTypeOf<EvidenceLevel>();
    expectTypeOf<NonNullable<LinkRecord['props']['severity']>>().toEqualTypeOf<Severity>();
    expectTypeOf<DimensionOverlapRecord['dimension']>().toEqualTypeOf<OverlapDimension>();
    expectTypeOf<SearchHitRecord['matchedField']>().toEqualTypeOf<SearchField>();
    expectTypeOf<SearchHitRecord['snippet']>().toExtend<Omit<Snippet, '__typename'>>();
  });
});

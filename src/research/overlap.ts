/**
 * Overlap between model profiles: pure set arithmetic, no database. A profile is, per dimension, the ids of the
 * items a model has (techniques it uses, tenets it holds, ...). Jaccard = |A ∩ B| / |A ∪ B|, and null when both
 * sets are empty: two models about which the graph records nothing are not thereby "identical".
 */
export const DIMENSIONS = ['TECHNIQUES', 'MECHANISMS', 'MODALITIES', 'TENETS', 'COMMON_FACTORS'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export type Profile = Record<Dimension, string[]>;

export interface SetOverlap {
  shared: string[];
  onlyA: string[];
  onlyB: string[];
  jaccard: number | null;
}

export function jaccard(sharedCount: number, unionCount: number): number | null {
  return unionCount === 0 ? null : sharedCount / unionCount;
}

/** Both sides of a comparison, sorted by id so the answer does not depend on query order. */
export function compareSets(a: readonly string[], b: readonly string[]): SetOverlap {
  const setA = new Set(a);
  const setB = new Set(b);
  const shared = [...setA].filter((x) => setB.has(x)).sort();
  const onlyA = [...setA].filter((x) => !setB.has(x)).sort();
  const onlyB = [...setB].filter((x) => !setA.has(x)).sort();
  return { shared, onlyA, onlyB, jaccard: jaccard(shared.length, shared.length + onlyA.length + onlyB.length) };
}

export interface ProfileOverlap {
  dimensions: Array<SetOverlap & { dimension: Dimension }>;
  /** The Jaccard index of the pooled profiles: items of different dimensions are different entities. */
  jaccard: number | null;
}

export function compareProfiles(a: Profile, b: Profile): ProfileOverlap {
  const dimensions = DIMENSIONS.map((dimension) => ({ dimension, ...compareSets(a[dimension], b[dimension]) }));
  const shared = dimensions.reduce((n, d) => n + d.shared.length, 0);
  const union = dimensions.reduce((n, d) => n + d.shared.length + d.onlyA.length + d.onlyB.length, 0);
  return { dimensions, jaccard: jaccard(shared, union) };
}

/** The pairwise matrix over one dimension; symmetric by construction, computed once per unordered pair. */
export function overlapMatrix(profiles: Profile[], dimension: Dimension): { jaccard: (number | null)[][]; shared: number[][] } {
  const n = profiles.length;
  const j: (number | null)[][] = Array.from({ length: n }, () => new Array<number | null>(n).fill(null));
  const s: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const sets = profiles.map((p) => new Set(p[dimension]));
  for (let r = 0; r < n; r++) {
    for (let c = r; c < n; c++) {
      let shared = 0;
      for (const x of sets[r]) if (sets[c].has(x)) shared++;
      const value = jaccard(shared, sets[r].size + sets[c].size - shared);
      j[r][c] = j[c][r] = value;
      s[r][c] = s[c][r] = shared;
    }
  }
  return { jaccard: j, shared: s };
}

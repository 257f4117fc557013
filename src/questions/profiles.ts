import type { Db, Generation, RoundTrips } from '../db/run.js';
import type { TechniqueProfile } from '../reasoning/tailoring.js';

/**
 * Technique profiles (cypher/technique-profiles: what tailor, validatePlan, planTreatment and multimodalPlan read)
 * for the latest data version, kept in process memory so a write does not make the next answers refetch all of
 * them (issue 13). On a new version the store reads the audit entries between its version and the new one, takes
 * the ids they touched, refetches only the techniques whose profile can read one of them (one named query finds
 * those in the graph; the cached profiles name those that mention a node now deleted), drops techniques gone, and
 * keeps the rest. It refetches everything when the gap is large, when any version in it has no audit entry (a
 * seed run), when the audit cannot be read, or when the version went backwards (a reseed). Refreshes run one at a
 * time, each from the one before, and requests of one generation share one (single flight).
 *
 * Correctness: a profile changes only when its technique, a relationship the profile follows or a node it reads
 * changes; each of those writes is audited with its entity id or its `from|TYPE|to`, so its technique is either a
 * touched id, one or two hops from one in the graph after the write, or (deleted nodes) mentioned by the cached
 * profile. test/profiles.int.test.ts compares the result with a full refetch after each kind of write.
 */

/** Techniques per query of a full read (a page of profiles at 100x the curated graph is a few MB). */
export const FULL_PAGE = 1_000;

/** Beyond this many writes since the cached version, one full read is cheaper than the audit walk. */
export const MAX_GAP = 200;

export interface AuditTouch {
  seq: number;
  action: string;
  target: string;
}

/** The node ids the writes touched: an entity's id, or both ends of a relationship (`from|TYPE|to`). */
export function touchedIds(entries: readonly AuditTouch[]): string[] {
  const ids = new Set<string>();
  for (const e of entries) {
    if (e.action.endsWith('_RELATIONSHIP')) {
      const parts = e.target.split('|');
      ids.add(parts[0]);
      ids.add(parts[parts.length - 1]);
    } else ids.add(e.target);
  }
  return [...ids].sort();
}

/** True when the entries are exactly the writes since+1..to: none missing (an unaudited seed run), none extra. */
export function contiguous(entries: readonly AuditTouch[], since: number, to: number): boolean {
  return entries.length === to - since && entries.every((e, i) => Number(e.seq) === since + 1 + i);
}

/** The ids of every node a profile shows (its technique and each node map in it, all carrying __label). */
export function mentions(profile: TechniqueProfile): Set<string> {
  const ids = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.__label === 'string' && typeof o.id === 'string') ids.add(o.id);
      for (const x of Object.values(o)) if (x !== null && typeof x === 'object') walk(x);
    }
  };
  walk(profile);
  return ids;
}

const byId = (a: TechniqueProfile, b: TechniqueProfile) => {
  const x = a.technique.id;
  const y = b.technique.id;
  return x < y ? -1 : x > y ? 1 : 0;
};

/** The cached profiles with the refetched ones put in: a refetched id without a row is a technique gone. Ordered by id, as the query orders them. */
export function merge(base: readonly TechniqueProfile[], fetched: readonly TechniqueProfile[], refetched: ReadonlySet<string>): TechniqueProfile[] {
  const out = base.filter((p) => !refetched.has(p.technique.id));
  for (const p of fetched) if (refetched.has(p.technique.id)) out.push(p);
  return out.sort(byId);
}

interface Snapshot {
  version: number | null;
  /** The generation it was built for: the same version under another generation means the data was replaced. */
  gen: WeakRef<Generation>;
  list: TechniqueProfile[];
  /** Node id to the techniques whose profile shows it. */
  mentionedBy: Map<string, string[]>;
}

export interface ProfileStats {
  full: number;
  incremental: number;
  /** Profile rows read by incremental refreshes. */
  refetchedRows: number;
}

function snapshot(gen: Generation, list: TechniqueProfile[]): Snapshot {
  const mentionedBy = new Map<string, string[]>();
  for (const p of list) for (const id of mentions(p)) (mentionedBy.get(id) ?? mentionedBy.set(id, []).get(id)!).push(p.technique.id);
  return { version: gen.version, gen: new WeakRef(gen), list, mentionedBy };
}

/** Rows are shared by every request that reads them: freezing makes an in-place change throw instead of leaking. */
function freeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) freeze(v);
  }
  return value;
}

export class ProfileStore {
  private latest: Promise<Snapshot | null> = Promise.resolve(null);
  private readonly byGen = new WeakMap<Generation, Promise<Snapshot>>();
  readonly stats: ProfileStats = { full: 0, incremental: 0, refetchedRows: 0 };

  constructor(private readonly db: Db) {}

  /** All technique profiles at a generation, ordered by id. `hit` learns whether they were ready (or on their way). */
  async at(gen: Generation, hit?: (cached: boolean) => void): Promise<TechniqueProfile[]> {
    let p = this.byGen.get(gen);
    hit?.(p !== undefined);
    if (!p) {
      const next = this.latest.catch(() => null).then((base) => this.advance(base, gen));
      this.byGen.set(gen, next);
      this.latest = next;
      // A failed refresh is not an answer: the next request of this generation tries again (from a full read).
      next.catch(() => {
        if (this.byGen.get(gen) === next) this.byGen.delete(gen);
      });
      p = next;
    }
    return (await p).list;
  }

  private async advance(base: Snapshot | null, gen: Generation): Promise<Snapshot> {
    const v = gen.version;
    if (!base || v === null || base.version === null || v < base.version || v - base.version > MAX_GAP) return this.full(gen);
    if (v === base.version) return base.gen.deref() === gen ? base : this.full(gen);
    let entries: AuditTouch[];
    try {
      const [row] = await this.db.read('audit-since', { since: base.version, limit: v - base.version });
      entries = (row?.entries ?? []).map((e) => ({ seq: Number(e.seq), action: String(e.action), target: String(e.target) }));
    } catch {
      return this.full(gen);
    }
    if (!contiguous(entries, base.version, v)) return this.full(gen);
    const touched = touchedIds(entries);
    const [dep] = await this.db.read('technique-profile-dependents', { ids: touched });
    const refetch = new Set<string>(dep?.ids ?? []);
    for (const id of touched) for (const t of base.mentionedBy.get(id) ?? []) refetch.add(t);
    if (refetch.size > base.list.length / 2) return this.full(gen);
    const rows = refetch.size ? await this.read([...refetch].sort()) : [];
    this.stats.incremental += 1;
    this.stats.refetchedRows += rows.length;
    return snapshot(gen, merge(base.list, rows, refetch));
  }

  /** Every profile, a page of techniques per query: on a large graph one answer would outgrow a transaction's memory. */
  private async full(gen: Generation): Promise<Snapshot> {
    this.stats.full += 1;
    const ids = (await this.db.read('technique-ids')).map((r) => String(r.id));
    const list: TechniqueProfile[] = [];
    for (let i = 0; i < ids.length; i += FULL_PAGE) list.push(...(await this.read(ids.slice(i, i + FULL_PAGE))));
    return snapshot(gen, list);
  }

  private async read(ids: string[] | null): Promise<TechniqueProfile[]> {
    return freeze(await this.db.read('technique-profiles', { ids }));
  }
}

const stores = new WeakMap<Db, ProfileStore>();

/** The profile store of a Db (one per Db, made on first use). */
export function profileStore(db: Db): ProfileStore {
  let s = stores.get(db);
  if (!s) stores.set(db, (s = new ProfileStore(db)));
  return s;
}

/**
 * After a write on this instance: refresh the store for the new data version at once, so the next request finds
 * the profiles ready (or shares the refresh on its way) instead of starting it. A failure only costs the warm-up.
 */
export function warmProfiles(db: Db): void {
  if (!db.profileStore) return;
  db.versions
    .generation()
    .then((gen) => profileStore(db).at(gen))
    .catch(() => {});
}

/**
 * Technique profiles for a request: all (ids null) or those of `ids`, ordered by id, as cypher/technique-profiles
 * returns them. They come from the store, at the request's data version, whether or not the row and response caches
 * are on: the store is the engine's working set, not a cache of answers. Traced requests and a Db without the store
 * (Config.profileStore false, IPKG_PROFILE_STORE=off: the mixed bench compares both) read them as any other query.
 * Requests read them through their `profiles` loader (src/graphql/loaders.ts), which asks once per set of ids.
 */
export async function readProfiles(db: Db, trips: RoundTrips, ids: readonly string[] | null): Promise<TechniqueProfile[]> {
  if (trips.bypassCache || !db.profileStore) return db.read('technique-profiles', { ids: ids && [...ids] }, trips);
  const stats = db.versions.stats;
  // Counted with the row cache's figures, so hit rates stay comparable with the rows this replaced.
  const all = await profileStore(db).at(await db.generation(trips), (cached) => {
    if (!cached) return void (stats.rowMisses += 1);
    stats.rowHits += 1;
    trips.cacheHits = (trips.cacheHits ?? 0) + 1;
  });
  if (ids === null) return all;
  const want = new Set(ids);
  return all.filter((p) => want.has(p.technique.id));
}

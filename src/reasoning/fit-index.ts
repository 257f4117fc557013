import { byId, evidenceRank } from './graph.js';
import { conditionKeys, focusKey, riskKeys, targetKey, type TechniqueProfile } from './profile.js';
import { readiness, type Readiness } from './readiness.js';

/**
 * What a fit knows of the techniques before it sees a client, worked out once per data version: the profiles are
 * frozen and shared by every request of a version (src/questions/profiles.ts), so this is keyed on them.
 *
 * A fit's rules are of two sorts. Matching rules read a technique's traits (directiveness, intensity, focus,
 * formats, the stages it suits, whether it stabilises, its modalities), and techniques with the same traits get the
 * same weights from them: a fit runs them once per class of traits, not once per technique. Target and
 * contraindication rules fire only where the profile meets a technique's targets or contraindications (a shared
 * key, src/reasoning/profile.ts): the index names those techniques, and only they run every rule. On a graph of
 * thousands of techniques a profile touches a few hundred, and the classes of traits number a few hundred whatever
 * the graph's size (issue 13: tailor at ten and a hundred times the curated graph).
 */

/** What the rules read of one technique profile, independent of the client: sorted and indexed once. */
export interface Facts {
  readiness: Readiness;
  /** By target id, so reasons come in a stable order without sorting per request. */
  addresses: TechniqueProfile['addresses'];
  /** The first process of change (by id) serving each stage. */
  stagePath: Map<string, TechniqueProfile['stagePaths'][number]>;
  stabilization: TechniqueProfile['phases'][number] | undefined;
  /** By contraindication id. */
  contraindications: TechniqueProfile['contraindications'];
  formats: readonly string[];
  evidence: number;
}

export interface FitIndex {
  facts: Facts[];
  /** Per technique (in the profiles' order), the number of its class of traits. */
  traitClass: Int32Array;
  /** Per class of traits, one technique of it (an index into the profiles). */
  classes: number[];
  /** Key -> the techniques whose targets or contraindications carry it, ascending. */
  touching: Map<string, number[]>;
}

const factsCache = new WeakMap<TechniqueProfile, Facts>();

export function factsOf(p: TechniqueProfile): Facts {
  let f = factsCache.get(p);
  if (!f) {
    const stagePath = new Map<string, TechniqueProfile['stagePaths'][number]>();
    for (const s of [...p.stagePaths].sort((a, b) => byId(a.process, b.process)))
      if (!stagePath.has(String(s.stage.stage))) stagePath.set(String(s.stage.stage), s);
    f = {
      readiness: readiness(p.technique, p.stagePaths),
      // Frozen, as the profiles are: shared by every request, and handed out (as an empty `cautions`) unchanged.
      addresses: Object.freeze([...p.addresses].sort((x, y) => byId(x.target, y.target))) as Facts['addresses'],
      stagePath,
      stabilization: p.phases.find((x) => x.phase.id === 'stabilization'),
      contraindications: Object.freeze([...p.contraindications].sort((a, b) => byId(a.contraindication, b.contraindication))) as Facts['contraindications'],
      formats: (p.technique.formats as string[] | undefined) ?? [],
      evidence: evidenceRank(p.technique.evidence),
    };
    factsCache.set(p, f);
  }
  return f;
}

/** Everything the matching rules read of a technique; equal traits, equal matching weights for any profile. */
function traits(p: TechniqueProfile, f: Facts): string {
  const t = p.technique;
  return JSON.stringify([
    t.directiveness ?? null,
    t.intensity ?? null,
    t.focus ?? null,
    [...f.formats].sort(),
    f.readiness.stages,
    f.stabilization !== undefined,
    p.modalities.map((m) => m.modality.id).sort(),
  ]);
}

/** The keys under which a profile can meet this technique's targets (risk flags, conditions, stage focus) or contraindications. */
function touchKeys(p: TechniqueProfile): Set<string> {
  const keys = new Set<string>();
  for (const a of p.addresses) {
    keys.add(targetKey(a.target.id));
    for (const k of riskKeys((a.target.risks as string[] | undefined) ?? [])) keys.add(k);
    for (const k of conditionKeys(a.target)) keys.add(k);
    for (const fs of a.focus) keys.add(focusKey(String(fs.stage.stage)));
  }
  for (const c of p.contraindications) for (const k of conditionKeys(c.contraindication)) keys.add(k);
  return keys;
}

const indexes = new WeakMap<readonly TechniqueProfile[], FitIndex>();

/** The index of a list of profiles (kept while the list lives: one per data version from the store). */
export function fitIndex(profiles: readonly TechniqueProfile[]): FitIndex {
  let idx = indexes.get(profiles);
  if (!idx) indexes.set(profiles, (idx = build(profiles)));
  return idx;
}

function build(profiles: readonly TechniqueProfile[]): FitIndex {
  const facts = profiles.map(factsOf);
  const traitClass = new Int32Array(profiles.length);
  const classes: number[] = [];
  const classOf = new Map<string, number>();
  const touching = new Map<string, number[]>();
  profiles.forEach((p, i) => {
    const key = traits(p, facts[i]);
    let c = classOf.get(key);
    if (c === undefined) {
      classOf.set(key, (c = classes.length));
      classes.push(i);
    }
    traitClass[i] = c;
    for (const k of touchKeys(p)) {
      const list = touching.get(k);
      if (list) list.push(i);
      else touching.set(k, [i]);
    }
  });
  return { facts, traitClass, classes, touching };
}

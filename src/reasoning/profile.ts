import type { NodeMap } from './graph.js';

/** The client profile (all optional), as ClientProfileInput. */
export interface Profile {
  stageOfChange?: string | null;
  psychologicalMindedness?: string | null;
  emotionalReactivity?: string | null;
  reactance?: string | null;
  relationalStyle?: string | null;
  learningStyle?: string | null;
  copingStyle?: string | null;
  format?: string | null;
  risks?: string[] | null;
  targets?: string[] | null;
}

export interface Cited {
  sources: string[];
  evidence: string;
}

/** What cypher/technique-profiles.cypher returns per technique. */
export interface TechniqueProfile {
  technique: NodeMap;
  /** Technique -ACTS_THROUGH-> Mechanism: what the coherence rule (assimilation) reads. */
  mechanisms: Array<Cited & { mechanism: NodeMap }>;
  contraindications: Array<Cited & { contraindication: NodeMap; severity: 'ABSOLUTE' | 'CAUTION'; reason: string }>;
  stagePaths: Array<{ process: NodeMap; stage: NodeMap; employs: Cited; serves: Cited }>;
  phases: Array<Cited & { phase: NodeMap }>;
  modalities: Array<Cited & { modality: NodeMap }>;
  /** Technique -ADDRESSES-> Target, with the target's risk flags and the stages it is the focus of. */
  addresses: Array<Cited & { target: NodeMap; focus: Array<Cited & { stage: NodeMap }> }>;
  requires: Array<Cited & { technique: NodeMap; reason: string | null }>;
  follows: Array<Cited & { technique: NodeMap; reason: string | null }>;
}

/** Does a condition (of a contraindication or a target) apply to this profile: by risk flag, or by a profile field value? */
export function conditionApplies(c: NodeMap, profile: Profile): boolean {
  if (typeof c.risk === 'string' && (profile.risks ?? []).includes(c.risk)) return true;
  if (typeof c.profileField === 'string' && Array.isArray(c.profileValues)) {
    const value = (profile as Record<string, unknown>)[c.profileField];
    return typeof value === 'string' && (c.profileValues as string[]).includes(value);
  }
  return false;
}

/*
 * Keys: what a profile can meet in a technique's profile. A condition applies to a profile only if the two share a
 * key (src/reasoning/profile.test.ts checks this against conditionApplies), so a fit can find the few techniques
 * whose targets and contraindications a profile touches through an index instead of testing every one.
 */
const riskKey = (flag: string) => `risk:${flag}`;
const fieldKey = (field: string, value: string) => `field:${field}=${value}`;
export const targetKey = (id: string) => `target:${id}`;
export const focusKey = (stage: string) => `focus:${stage}`;

/** The keys under which a condition can apply. */
export function conditionKeys(c: NodeMap): string[] {
  const keys: string[] = [];
  if (typeof c.risk === 'string') keys.push(riskKey(c.risk));
  if (typeof c.profileField === 'string' && Array.isArray(c.profileValues))
    for (const v of c.profileValues as unknown[]) if (typeof v === 'string') keys.push(fieldKey(c.profileField, v));
  return keys;
}

/** A profile's keys: its risk flags, the value of each field, its targets and the focus of its stage. */
export function profileKeys(profile: Profile): Set<string> {
  const keys = new Set<string>();
  for (const [field, value] of Object.entries(profile)) if (typeof value === 'string') keys.add(fieldKey(field, value));
  for (const r of profile.risks ?? []) keys.add(riskKey(r));
  for (const t of profile.targets ?? []) keys.add(targetKey(t));
  if (profile.stageOfChange) keys.add(focusKey(profile.stageOfChange));
  return keys;
}

/** A target's own risk flags (it is what comes first under them) as keys. */
export const riskKeys = (flags: readonly string[]): string[] => flags.map(riskKey);

/**
 * The graph shapes the reasoning works on: nodes as property maps and paths as cited steps. Pure data; the
 * reasoning modules know nothing of Neo4j or GraphQL.
 */
export interface NodeMap {
  __label: string;
  id: string;
  name: string;
  sources?: string[];
  evidence?: string;
  [property: string]: unknown;
}

export interface Step {
  from: NodeMap;
  type: string;
  to: NodeMap;
  sources: string[];
  evidence: string;
}

export interface Path {
  steps: Step[];
  text: string;
}

/** Renders a chain of steps as `A -TYPE-> B <-TYPE- C`, following whichever end continues the chain. */
export function makePath(steps: Step[]): Path {
  if (steps.length === 0) return { steps, text: '' };
  const first = steps[0];
  const startsAtFrom = steps.length === 1 || first.to.id === steps[1].from.id || first.to.id === steps[1].to.id;
  let current = startsAtFrom ? first.from : first.to;
  let text = current.name;
  for (const s of steps) {
    if (s.from.id === current.id) {
      text += ` -${s.type}-> ${s.to.name}`;
      current = s.to;
    } else {
      text += ` <-${s.type}- ${s.from.name}`;
      current = s.from;
    }
  }
  return { steps, text };
}

/** Evidence levels from strongest to weakest; used to rank and to break ties deterministically. */
export const EVIDENCE_RANK: Record<string, number> = {
  META_ANALYSIS: 5,
  RCT: 4,
  OBSERVATIONAL: 3,
  CONSENSUS: 2,
  THEORETICAL: 1,
  EXPERT_OPINION: 0,
};

export const evidenceRank = (level: unknown): number => EVIDENCE_RANK[String(level)] ?? 0;

export const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export const DISCLAIMER =
  'For education and research only: this is a reading of the published literature, not clinical advice, ' +
  'and not a substitute for the judgement of a qualified clinician who knows the client.';

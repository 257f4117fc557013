import { byId, evidenceRank, makePath, type NodeMap, type Path } from './graph.js';

/** What cypher/multimodal-plan.cypher returns per problem. */
export interface ModalityRow {
  index: number;
  modality: NodeMap;
  techniques: Array<{ technique: NodeMap; sources: string[]; evidence: string; multimodal: boolean; modalityCount: number }>;
}

export interface ModalityMatch {
  modality: NodeMap;
  problem: string;
  techniques: Array<{ technique: NodeMap; reason: string; path: Path }>;
}

/**
 * Multimodal Therapy's matching (Lazarus 1981/1989): each problem, filed under its BASIC I.D. modality, is met
 * with techniques aimed at that modality. Ranked: techniques Multimodal Therapy itself uses, then the more
 * modality-specific, then better-supported, then by id. `excluded` ids (contraindicated for the profile) are skipped.
 */
export function matchProblems(rows: ModalityRow[], problems: string[], perProblem: number, excluded: Set<string>): ModalityMatch[] {
  return rows.map((row) => {
    const ranked = row.techniques
      .filter((c) => !excluded.has(c.technique.id))
      .sort(
        (a, b) =>
          Number(b.multimodal) - Number(a.multimodal) ||
          a.modalityCount - b.modalityCount ||
          evidenceRank(b.technique.evidence) - evidenceRank(a.technique.evidence) ||
          byId(a.technique, b.technique),
      )
      .slice(0, perProblem);
    return {
      modality: row.modality,
      problem: problems[row.index],
      techniques: ranked.map((c) => ({
        technique: c.technique,
        reason: `${c.technique.name} targets the ${row.modality.name.toLowerCase()} modality${c.multimodal ? ' and belongs to Multimodal Therapy\u2019s own repertoire' : ''}.`,
        path: makePath([{ from: c.technique, type: 'TARGETS', to: row.modality, sources: c.sources, evidence: c.evidence }]),
      })),
    };
  });
}

import { byId, evidenceRank, makePath, type NodeMap, type Path } from './graph.js';

interface Addressed {
  target: NodeMap;
  sources: string[];
  evidence: string;
}

/** What cypher/multimodal-plan.cypher returns per problem. */
export interface ModalityRow {
  index: number;
  modality: NodeMap;
  techniques: Array<{
    technique: NodeMap;
    targetsModality: boolean;
    sources: string[];
    evidence: string;
    multimodal: boolean;
    modalityCount: number;
    addresses: Addressed[];
  }>;
  modalityTargets: NodeMap[];
}

export interface ProblemInput {
  problem?: string | null;
  target?: string | null;
}

export interface ModalityMatch {
  modality: NodeMap;
  problem: string | null;
  target: NodeMap | null;
  techniques: Array<{ technique: NodeMap; reason: string; path: Path }>;
}

/**
 * Multimodal Therapy's matching (Lazarus 1981/1989): each problem, filed under its BASIC I.D. modality, is met
 * with techniques chosen for the problem rather than for their school. When the problem names (or search matches
 * it to) a clinical target, the techniques that address that target come first; then techniques Multimodal
 * Therapy itself uses, then the more modality-specific, then better-supported, then by id. `targets[i]` is the
 * target of problem i (given or matched), or null. `excluded` ids (contraindicated for the profile) are skipped.
 */
export function matchProblems(
  rows: ModalityRow[],
  problems: ProblemInput[],
  targets: Array<NodeMap | null>,
  perProblem: number,
  excluded: Set<string>,
): ModalityMatch[] {
  return rows.map((row) => {
    const target = targets[row.index];
    const hit = (c: ModalityRow['techniques'][number]) => (target ? c.addresses.find((a) => a.target.id === target.id) : undefined);
    const ranked = row.techniques
      .filter((c) => !excluded.has(c.technique.id) && (c.targetsModality || hit(c)))
      .sort(
        (a, b) =>
          Number(!!hit(b)) - Number(!!hit(a)) ||
          Number(b.targetsModality) - Number(a.targetsModality) ||
          Number(b.multimodal) - Number(a.multimodal) ||
          a.modalityCount - b.modalityCount ||
          evidenceRank(b.technique.evidence) - evidenceRank(a.technique.evidence) ||
          byId(a.technique, b.technique),
      )
      .slice(0, perProblem);
    const modality = row.modality.name.toLowerCase();
    return {
      modality: row.modality,
      problem: problems[row.index].problem ?? null,
      target,
      techniques: ranked.map((c) => {
        const a = hit(c);
        if (a && target) {
          return {
            technique: c.technique,
            reason: `${c.technique.name} addresses ${target.name.toLowerCase()}${c.targetsModality ? `, in the ${modality} modality` : ''}${c.multimodal ? ', and belongs to Multimodal Therapy\u2019s own repertoire' : ''}.`,
            path: makePath([{ from: c.technique, type: 'ADDRESSES', to: target, sources: a.sources, evidence: a.evidence }]),
          };
        }
        return {
          technique: c.technique,
          reason: `${c.technique.name} targets the ${modality} modality${c.multimodal ? ' and belongs to Multimodal Therapy\u2019s own repertoire' : ''}.`,
          path: makePath([{ from: c.technique, type: 'TARGETS', to: row.modality, sources: c.sources, evidence: c.evidence }]),
        };
      }),
    };
  });
}

const STOP = new Set([
  'a',
  'an',
  'and',
  'the',
  'of',
  'to',
  'in',
  'on',
  'with',
  'about',
  'for',
  'my',
  'i',
  'me',
  'is',
  'are',
  'feel',
  'feels',
  'feeling',
  'very',
  'lot',
  'lots',
  'too',
  'much',
  'can',
  'not',
  'cannot',
  'problem',
  'problems',
]);
/** Lower-cased content words, with a light stemming so "worrying" meets "worry" and "memories" meets "memory". */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !STOP.has(w))
    .map((w) =>
      w
        .replace(/(ies)$/, 'y')
        .replace(/(ing|ed|es|s)$/, '')
        .replace(/our$/, 'or'),
    );
}

/**
 * The target a free-text problem names: the one whose name or aliases share the most content words with it (the
 * share of the target's words matched breaks ties, then id); null when no word is shared.
 */
export function matchTarget(problem: string, candidates: NodeMap[]): NodeMap | null {
  const said = new Set(words(problem));
  let best: { t: NodeMap; hits: number; share: number } | null = null;
  for (const t of [...candidates].sort(byId)) {
    for (const label of [t.name, ...((t.aliases as string[] | undefined) ?? [])]) {
      const w = [...new Set(words(label))];
      const hits = w.filter((x) => said.has(x)).length;
      const share = w.length ? hits / w.length : 0;
      if (hits && (!best || hits > best.hits || (hits === best.hits && share > best.share))) best = { t, hits, share };
    }
  }
  return best?.t ?? null;
}

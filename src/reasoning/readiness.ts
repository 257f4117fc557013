import type { NodeMap } from './graph.js';

/** The stage orders of the transtheoretical model (Prochaska, DiClemente & Norcross 1992). */
export const STAGE_ORDER: Record<string, number> = { PRECONTEMPLATION: 1, CONTEMPLATION: 2, PREPARATION: 3, ACTION: 4, MAINTENANCE: 5 };

/** One EMPLOYS -> SERVES path of a technique, as cypher/technique-profiles.cypher returns it. */
export interface StagePath {
  process: NodeMap;
  stage: NodeMap;
}

export interface Readiness {
  /** Stage enum values the technique suits, in stage order. */
  stages: string[];
  /** It changes behaviour directly (a directive, action-stage behavioural process). */
  actionOriented: boolean;
  /** It asks for high emotional arousal. */
  demanding: boolean;
  /** Why the range is what it is, in one sentence. */
  basis: string;
}

const ACTION = STAGE_ORDER.ACTION;

/**
 * The stages of change a technique suits. Start from the stages its processes of change serve (EMPLOYS -> SERVES,
 * Prochaska, DiClemente & Norcross 1992). Then two readiness rules from the same literature (Prochaska & Norcross
 * 2018, ch. 16; Norcross, Krebs & Prochaska 2011): action-oriented work (a therapist-led behavioural process of the
 * action and maintenance stages: counterconditioning, stimulus control, contingency management) presumes a decision
 * to change, so it suits preparation onwards; emotionally demanding work (high intensity) presumes engagement, so it
 * does not suit precontemplation. Without recorded processes only the second rule can apply.
 */
export function readiness(t: NodeMap, paths: StagePath[]): Readiness {
  const orderOf = (p: StagePath) => STAGE_ORDER[String(p.stage.stage)] ?? 0;
  const served = new Set(paths.map(orderOf).filter((o) => o > 0));
  const actionOriented =
    t.directiveness !== 'LOW' &&
    paths.some((p) => p.process.kind === 'BEHAVIORAL') &&
    [...new Set(paths.filter((p) => p.process.kind === 'BEHAVIORAL').map((p) => p.process.id))].some((id) =>
      paths.filter((p) => p.process.id === id).every((p) => orderOf(p) >= ACTION),
    );
  const demanding = t.intensity === 'HIGH';
  const floor = actionOriented ? STAGE_ORDER.PREPARATION : demanding ? STAGE_ORDER.CONTEMPLATION : 1;
  const orders = served.size ? [...served] : [1, 2, 3, 4, 5];
  // A range is contiguous (serving contemplation and action, it suits preparation too) and starts no earlier than
  // the floor; a range wholly below the floor shrinks to the floor stage.
  const lo = Math.max(Math.min(...orders), floor);
  const hi = Math.max(Math.max(...orders), lo);
  const stages = Object.entries(STAGE_ORDER)
    .filter(([, o]) => o >= lo && o <= hi)
    .map(([s]) => s);
  const basis = !paths.length
    ? 'No process of change is recorded, so no stage is ruled out.'
    : `Its processes of change serve ${describe(served)}${actionOriented ? '; as action-oriented work it presumes a decision to change (preparation onwards)' : demanding ? '; as emotionally demanding work it presumes engagement (not precontemplation)' : ''}.`;
  return { stages, actionOriented, demanding, basis };
}

function describe(orders: Set<number>): string {
  const names = Object.entries(STAGE_ORDER)
    .filter(([, o]) => orders.has(o))
    .map(([s]) => s.toLowerCase());
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? 'no stage');
}

/** How many stages lie between the client's stage and the nearest stage the technique suits (0 = suits it). */
export function stageDistance(r: Readiness, stage: string): number {
  const at = STAGE_ORDER[stage];
  if (!at) return 0;
  return Math.min(...r.stages.map((s) => Math.abs(STAGE_ORDER[s] - at)));
}

import { el } from './dom.js';
import { KIND_COLOURS, kindLabel } from './legend.js';
import { href } from './route.js';

/** A GraphPath drawn as a chain of entity chips and relationship types; each chip opens its entity. */

export interface PathNode {
  __typename: string;
  id: string;
  name: string;
}
export interface GraphPath {
  text: string;
  /** Absent where a query asks for the text only (paths nested in long lists would cost too much). */
  steps?: Array<{ from: PathNode; type: string; to: PathNode }>;
}

/** The selection to ask for wherever a path is shown. */
export const PATH = 'text steps { from { __typename id name } type to { __typename id name } }';

export function entityChip(n: PathNode): HTMLElement {
  const a = el('a', { class: 'chip', href: href('entity', { id: n.id }), title: kindLabel(n.__typename), 'data-kind': n.__typename }, n.name);
  a.style.setProperty('--c', KIND_COLOURS[n.__typename] ?? '#999');
  return a;
}

/** A path's one-line text, "A -TYPE-> B <-TYPE- C", set as names and relationship types (no links: no ids). */
export function renderPathText(text: string): HTMLElement {
  const parts = text.split(/ (-[A-Z_]+->|<-[A-Z_]+-) /);
  return el(
    'p',
    { class: 'path', title: text },
    ...parts.map((part, i) =>
      i % 2
        ? el('span', { class: 'rel' }, part.startsWith('<-') ? `← ${part.slice(2, -1)}` : `${part.slice(1, -2)} →`)
        : el('span', { class: 'chip plain' }, part),
    ),
  );
}

export function renderPath(p: GraphPath | null | undefined): HTMLElement | string {
  if (!p) return '';
  const steps = p.steps;
  if (!steps?.length) return renderPathText(p.text);
  // The walk starts at the end of the first step that the second step does not touch.
  const shared = steps[1] ? [steps[1].from.id, steps[1].to.id] : [];
  let cur = steps.length > 1 && shared.includes(steps[0].from.id) ? steps[0].to : steps[0].from;
  const parts: Array<Node | string> = [entityChip(cur)];
  for (const s of steps) {
    let forward: boolean;
    if (s.from.id === cur.id) forward = true;
    else if (s.to.id === cur.id) forward = false;
    else return renderPathText(p.text);
    parts.push(el('span', { class: 'rel' }, forward ? `${s.type} →` : `← ${s.type}`));
    cur = forward ? s.to : s.from;
    parts.push(entityChip(cur));
  }
  return el('p', { class: 'path', title: p.text }, ...parts);
}

import { el } from './dom.js';
import { human, type ConflictKind, type FitTier, type ModelKind, type Orientation } from './vocab.js';

/**
 * Every colour that carries meaning in the explorer, one table per meaning, and the legend built from each table,
 * so a legend can never disagree with what is drawn.
 */

export interface Swatch {
  label: string;
  colour: string;
  /** How the swatch is drawn: a dot (default), a square cell, a diamond, or a line for edges. */
  shape?: 'dot' | 'cell' | 'diamond' | 'hexagon' | 'line' | 'dashed';
  title?: string;
}

/** Model families: one colour per Orientation value (schema/entities.graphql). */
export const ORIENTATION_COLOURS: Record<Orientation, string> = {
  PSYCHODYNAMIC: '#7b4ea3',
  BEHAVIORAL: '#1f6fb8',
  COGNITIVE: '#1a9cb0',
  HUMANISTIC: '#e07b24',
  EXISTENTIAL: '#8c6239',
  SYSTEMIC: '#3b9a48',
  CONSTRUCTIVIST: '#c9a00c',
  INTEGRATIVE: '#d0457a',
};

const title = (v: string) => human(v).replace(/^./, (c) => c.toUpperCase());

export const orientationSwatches = (shape: Swatch['shape'] = 'dot'): Swatch[] =>
  (Object.entries(ORIENTATION_COLOURS) as Array<[Orientation, string]>).map(([o, colour]) => ({ label: title(o), colour, shape }));

/** The map's node shapes by ModelKind (cytoscape shape names). */
export const KIND_SHAPES: Record<ModelKind, { shape: 'ellipse' | 'diamond' | 'round-rectangle'; size: number; label: string; swatch: Swatch['shape'] }> = {
  SCHOOL: { shape: 'ellipse', size: 46, label: 'School', swatch: 'dot' },
  INTEGRATIVE: { shape: 'diamond', size: 38, label: 'Integrative or third-wave model', swatch: 'diamond' },
  SPECIFIC: { shape: 'round-rectangle', size: 24, label: 'Specific treatment', swatch: 'cell' },
};

/** Verdicts of the compatibility matrix, from "already there" to "contradicts the base's theory". */
export type VerdictClass = 'native' | 'reframed' | 'compatible' | ConflictKind;
export const VERDICT_COLOURS: Record<VerdictClass, Swatch> = {
  native: { label: 'Native (the base uses it)', colour: '#1d5fa8', shape: 'cell' },
  reframed: { label: 'Compatible, with a curated re-reading', colour: '#2fa37a', shape: 'cell' },
  compatible: { label: 'Compatible (no conflict)', colour: '#a9cfe8', shape: 'cell' },
  MECHANISM_CONTRADICTS_TENET: { label: 'Conflict: a mechanism contradicts a tenet', colour: '#c62828', shape: 'cell' },
  PRESUPPOSITION_CONTRADICTS_TENET: { label: 'Conflict: a presupposition contradicts a tenet', colour: '#f08a3c', shape: 'cell' },
  STANCE_CONTRADICTS_TENET: { label: 'Conflict: the stance rules it out', colour: '#f2cd4b', shape: 'cell' },
};

/** Fit tiers (FitTier): why a recommendation stands where it does. */
export const TIER_COLOURS: Record<FitTier, Swatch> = {
  INDICATED: { label: 'Indicated under a risk', colour: '#8e3b8e' },
  TARGETED: { label: 'Addresses a chosen target', colour: '#1f6fb8' },
  MATCHED: { label: 'Profile match only', colour: '#7d8790' },
};

/** Entity kinds in the neighbourhood graph (GraphQL __typename). */
export const KIND_COLOURS: Record<string, string> = {
  Model: '#3b6fb6',
  Technique: '#2e9e6b',
  Tenet: '#c2543f',
  Mechanism: '#8e5bb5',
  Modality: '#d49a1f',
  Target: '#d0457a',
  CommonFactor: '#1f9fb4',
  Contraindication: '#b03060',
  Phase: '#6c757d',
  Domain: '#7a6a4f',
  IntegrationStrategy: '#4f7a2a',
  ProcessOfChange: '#5b6bb5',
  StageOfChange: '#5b8bb5',
  ClientFactor: '#a0522d',
  TherapeuticFactor: '#2a7a7a',
  Source: '#9aa0a6',
};

/** "CommonFactor" → "Common factor". */
export const kindLabel = (typename: string) => typename.replace(/(?<=[a-z])([A-Z])/g, ' $1').replace(/ [A-Z]/g, (s) => s.toLowerCase());

export function legend(heading: string, swatches: Swatch[], attrs: Record<string, string> = {}): HTMLElement {
  return el(
    'figure',
    { class: 'legend', ...attrs },
    el('figcaption', {}, heading),
    el(
      'ul',
      {},
      ...swatches.map((s) => {
        const mark = el('span', { class: `swatch swatch-${s.shape ?? 'dot'}`, 'aria-hidden': 'true' });
        mark.style.setProperty('--c', s.colour);
        return el('li', s.title ? { title: s.title } : {}, mark, s.label);
      }),
    ),
  );
}

/** The two sides of a comparison, and what they share. */
export const COMPARE_COLOURS = {
  a: { label: 'only in A', colour: '#3b78c2', shape: 'cell' },
  shared: { label: 'shared', colour: '#7a5fb0', shape: 'cell' },
  b: { label: 'only in B', colour: '#e0892b', shape: 'cell' },
} satisfies Record<string, Swatch>;

/** The legend for entity chips (web/paths.ts): the kinds of the chips inside `root`, in the table's order. */
export function chipLegend(root: HTMLElement): HTMLElement | string {
  const present = new Set([...root.querySelectorAll<HTMLElement>('.chip[data-kind]')].map((c) => c.dataset.kind));
  const kinds = Object.keys(KIND_COLOURS).filter((k) => present.has(k));
  return kinds.length
    ? legend(
        'Dot: kind of entity',
        kinds.map((k) => ({ label: kindLabel(k), colour: KIND_COLOURS[k] })),
        { class: 'legend inline chip-legend' },
      )
    : '';
}

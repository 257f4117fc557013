/**
 * The seed vocabulary: which kinds of entry exist, their fields, and the relationships each may declare.
 * docs/seed-format.md is the human-readable version of this table; the validator and the loader both read it,
 * so the two can never disagree.
 */

export const EVIDENCE_LEVELS = ['META_ANALYSIS', 'RCT', 'OBSERVATIONAL', 'CONSENSUS', 'THEORETICAL', 'EXPERT_OPINION'] as const;
export const LEVELS = ['LOW', 'MODERATE', 'HIGH'] as const;
export const RISK_FLAGS = [
  'ACUTE_SUICIDALITY',
  'RECENT_SELF_HARM',
  'UNSTABLE_DISSOCIATION',
  'ACTIVE_PSYCHOSIS',
  'SUBSTANCE_INTOXICATION',
  'INTIMATE_PARTNER_VIOLENCE',
  'MEDICAL_INSTABILITY',
  'PREGNANCY',
  'SEIZURE_DISORDER',
  'ACUTE_MANIA',
  'ONGOING_THREAT',
  'ACUTE_CRISIS',
  'COGNITIVE_IMPAIRMENT',
] as const;
export const PROFILE_FIELDS = [
  'stageOfChange',
  'psychologicalMindedness',
  'emotionalReactivity',
  'reactance',
  'relationalStyle',
  'learningStyle',
  'copingStyle',
  'format',
  'preferences',
] as const;

export type Label =
  | 'Source'
  | 'Domain'
  | 'Modality'
  | 'Phase'
  | 'IntegrationStrategy'
  | 'CommonFactor'
  | 'ClientFactor'
  | 'TherapeuticFactor'
  | 'StageOfChange'
  | 'ProcessOfChange'
  | 'Mechanism'
  | 'Contraindication'
  | 'Model'
  | 'Tenet'
  | 'Technique'
  | 'Target';

export type FieldSpec =
  | { type: 'string'; required?: boolean; max?: number }
  /** A string that YAML may have read as a number (volume 55, issue 4): stored as a string. */
  | { type: 'text'; max: number }
  | { type: 'int'; required?: boolean; min?: number; max?: number }
  | { type: 'bool' }
  | { type: 'strings'; required?: boolean }
  | { type: 'enum'; values: readonly string[]; required?: boolean }
  | { type: 'enums'; values: readonly string[]; required?: boolean }
  | { type: 'effectSizes' }
  | { type: 'profile' };

export interface EdgePropSpec {
  name: string;
  required?: boolean;
  values?: readonly string[];
}

export interface EdgeSpec {
  /** The YAML field that declares it. */
  field: string;
  /** Neo4j relationship type. */
  type: string;
  target: Label;
  /** `out`: (entry)-[:TYPE]->(target). `in`: (target)-[:TYPE]->(entry). */
  direction: 'out' | 'in';
  props?: EdgePropSpec[];
}

export interface KindSpec {
  kind: string;
  label: Label;
  fields: Record<string, FieldSpec>;
  edges: EdgeSpec[];
}

const reason = { name: 'reason' } as const;

export const KINDS: KindSpec[] = [
  {
    kind: 'sources',
    label: 'Source',
    fields: {
      type: { type: 'enum', values: ['BOOK', 'ARTICLE', 'CHAPTER', 'MANUAL', 'REPORT'], required: true },
      authors: { type: 'strings', required: true },
      year: { type: 'int', required: true, min: 1800, max: 2100 },
      title: { type: 'string', required: true, max: 500 },
      venue: { type: 'string', required: true, max: 500 },
      doi: { type: 'string', max: 200 },
      isbn: { type: 'string', max: 40 },
      url: { type: 'string', max: 500 },
      edition: { type: 'text', max: 40 },
      edited: { type: 'bool' },
      volume: { type: 'text', max: 40 },
      issue: { type: 'text', max: 40 },
      pages: { type: 'text', max: 40 },
      note: { type: 'string', max: 1000 },
    },
    edges: [],
  },
  { kind: 'domains', label: 'Domain', fields: {}, edges: [] },
  {
    kind: 'modalities',
    label: 'Modality',
    fields: { order: { type: 'int', required: true, min: 1, max: 7 }, letter: { type: 'string', required: true, max: 1 } },
    edges: [{ field: 'domain', type: 'IN_DOMAIN', target: 'Domain', direction: 'out' }],
  },
  {
    kind: 'phases',
    label: 'Phase',
    fields: { order: { type: 'int', required: true, min: 1, max: 10 } },
    // Declared for every ordered pair, so any "comes first" is a one-step path in the graph.
    edges: [{ field: 'precedes', type: 'PRECEDES', target: 'Phase', direction: 'out' }],
  },
  { kind: 'integrationStrategies', label: 'IntegrationStrategy', fields: {}, edges: [] },
  { kind: 'commonFactors', label: 'CommonFactor', fields: { effectSizes: { type: 'effectSizes' } }, edges: [] },
  {
    kind: 'clientFactors',
    label: 'ClientFactor',
    fields: { factor: { type: 'enum', values: PROFILE_FIELDS, required: true }, effectSizes: { type: 'effectSizes' } },
    edges: [
      // The profile conditions and stages through which this factor enters tailoring.
      { field: 'conditions', type: 'HAS_CONDITION', target: 'Contraindication', direction: 'out' },
      { field: 'stages', type: 'HAS_STAGE', target: 'StageOfChange', direction: 'out' },
      { field: 'relatesTo', type: 'RELATES_TO', target: 'CommonFactor', direction: 'out' },
    ],
  },
  {
    kind: 'therapeuticFactors',
    label: 'TherapeuticFactor',
    fields: {},
    edges: [{ field: 'relatesTo', type: 'RELATES_TO', target: 'CommonFactor', direction: 'out' }],
  },
  {
    kind: 'stagesOfChange',
    label: 'StageOfChange',
    fields: {
      order: { type: 'int', required: true, min: 1, max: 6 },
      stage: { type: 'enum', values: ['PRECONTEMPLATION', 'CONTEMPLATION', 'PREPARATION', 'ACTION', 'MAINTENANCE'], required: true },
    },
    edges: [{ field: 'precedes', type: 'PRECEDES', target: 'StageOfChange', direction: 'out' }],
  },
  {
    kind: 'processesOfChange',
    label: 'ProcessOfChange',
    fields: { kind: { type: 'enum', values: ['EXPERIENTIAL', 'BEHAVIORAL'], required: true } },
    edges: [{ field: 'serves', type: 'SERVES', target: 'StageOfChange', direction: 'out' }],
  },
  {
    kind: 'mechanisms',
    label: 'Mechanism',
    fields: {},
    edges: [{ field: 'domains', type: 'IN_DOMAIN', target: 'Domain', direction: 'out' }],
  },
  {
    kind: 'contraindications',
    label: 'Contraindication',
    fields: { risk: { type: 'enum', values: RISK_FLAGS }, profile: { type: 'profile' } },
    edges: [],
  },
  {
    kind: 'models',
    label: 'Model',
    fields: {
      kind: { type: 'enum', values: ['SCHOOL', 'INTEGRATIVE', 'SPECIFIC'], required: true },
      orientation: {
        type: 'enum',
        values: ['PSYCHODYNAMIC', 'BEHAVIORAL', 'COGNITIVE', 'HUMANISTIC', 'EXISTENTIAL', 'SYSTEMIC', 'CONSTRUCTIVIST', 'INTEGRATIVE'],
        required: true,
      },
      founders: { type: 'strings' },
      year: { type: 'int', min: 1800, max: 2100 },
    },
    edges: [
      { field: 'derivesFrom', type: 'DERIVES_FROM', target: 'Model', direction: 'out' },
      { field: 'integrates', type: 'INTEGRATES', target: 'Model', direction: 'out', props: [{ name: 'role', required: true }] },
      { field: 'strategies', type: 'EXEMPLIFIES', target: 'IntegrationStrategy', direction: 'out' },
      { field: 'commonFactors', type: 'CULTIVATES', target: 'CommonFactor', direction: 'out' },
      { field: 'domains', type: 'EMPHASIZES', target: 'Domain', direction: 'out' },
    ],
  },
  {
    kind: 'tenets',
    label: 'Tenet',
    fields: {
      kind: { type: 'enum', values: ['PATHOLOGY', 'CHANGE', 'STANCE'], required: true },
      // A STANCE tenet's clash with technique attributes, checked by the assimilation rule (STANCE_CONTRADICTS_TENET).
      excludesDirectiveness: { type: 'enums', values: LEVELS },
      excludesStructure: { type: 'enums', values: LEVELS },
      stanceReason: { type: 'string', max: 600 },
    },
    edges: [
      { field: 'heldBy', type: 'HOLDS', target: 'Model', direction: 'in' },
      { field: 'contradicts', type: 'CONTRADICTS', target: 'Tenet', direction: 'out', props: [reason] },
      { field: 'presupposedBy', type: 'PRESUPPOSES', target: 'Mechanism', direction: 'in' },
      { field: 'contradictedBy', type: 'CONTRADICTS', target: 'Mechanism', direction: 'in', props: [reason] },
    ],
  },
  {
    kind: 'techniques',
    label: 'Technique',
    fields: {
      directiveness: { type: 'enum', values: LEVELS, required: true },
      structure: { type: 'enum', values: LEVELS, required: true },
      intensity: { type: 'enum', values: LEVELS, required: true },
      focus: { type: 'enum', values: ['INSIGHT', 'SKILL', 'BOTH'], required: true },
      formats: { type: 'enums', values: ['INDIVIDUAL', 'COUPLE', 'FAMILY', 'GROUP'], required: true },
      phaseNote: { type: 'string', max: 600 },
    },
    edges: [
      { field: 'originatesIn', type: 'ORIGINATES_IN', target: 'Model', direction: 'out' },
      { field: 'usedBy', type: 'USES', target: 'Model', direction: 'in' },
      { field: 'modalities', type: 'TARGETS', target: 'Modality', direction: 'out' },
      { field: 'mechanisms', type: 'ACTS_THROUGH', target: 'Mechanism', direction: 'out' },
      {
        field: 'contraindications',
        type: 'HAS_CONTRAINDICATION',
        target: 'Contraindication',
        direction: 'out',
        props: [
          { name: 'severity', required: true, values: ['ABSOLUTE', 'CAUTION'] },
          { name: 'reason', required: true },
        ],
      },
      { field: 'phases', type: 'IN_PHASE', target: 'Phase', direction: 'out' },
      { field: 'requires', type: 'REQUIRES', target: 'Technique', direction: 'out', props: [reason] },
      { field: 'follows', type: 'SHOULD_FOLLOW', target: 'Technique', direction: 'out', props: [reason] },
      { field: 'commonFactors', type: 'CULTIVATES', target: 'CommonFactor', direction: 'out' },
      { field: 'processes', type: 'EMPLOYS', target: 'ProcessOfChange', direction: 'out' },
      { field: 'assimilations', type: 'ASSIMILATES_INTO', target: 'Model', direction: 'out', props: [{ name: 'reframing', required: true }] },
    ],
  },
  {
    // What a technique is for: a clinical target a therapist formulates and works on (not a diagnosis).
    kind: 'targets',
    label: 'Target',
    // risks: the risk flags under which this target comes first; techniques addressing it are indicated there.
    // profile: a profile condition under which the target is implied (high emotional reactivity: emotion dysregulation).
    fields: { risks: { type: 'enums', values: RISK_FLAGS }, profile: { type: 'profile' } },
    edges: [
      { field: 'modalities', type: 'IN_MODALITY', target: 'Modality', direction: 'out' },
      { field: 'addressedBy', type: 'ADDRESSES', target: 'Technique', direction: 'in' },
      // The stages of change whose work centres on this target (relapse risk in maintenance).
      { field: 'stages', type: 'FOCUS_IN', target: 'StageOfChange', direction: 'out' },
    ],
  },
];

/** Fields every entry other than a source has. */
export const COMMON_FIELDS: Record<string, FieldSpec> = {
  id: { type: 'string', required: true, max: 80 },
  name: { type: 'string', required: true, max: 200 },
  aliases: { type: 'strings' },
  description: { type: 'string', required: true, max: 2000 },
  sources: { type: 'strings', required: true },
  evidence: { type: 'enum', values: EVIDENCE_LEVELS, required: true },
  wikidata: { type: 'string', max: 20 },
  mesh: { type: 'string', max: 20 },
};

export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const KIND_BY_NAME = new Map(KINDS.map((k) => [k.kind, k]));
export const KIND_BY_LABEL = new Map(KINDS.map((k) => [k.label, k]));
/** Every relationship type the graph uses: the whitelist for generic relationship queries. */
export const REL_TYPES = [...new Set(KINDS.flatMap((k) => k.edges.map((e) => e.type)))].sort();
export const LABELS = KINDS.map((k) => k.label);

/**
 * Crosswalks to external ontologies (seed/mappings/*.sssom.tsv, SSSOM/TSV). Each mapping is stored as
 * (entry)-[:MAPS_TO]->(:ExternalTerm): outside the :Entity graph, so generic relationship queries, exports of
 * entities and the id constraints never see it, and MAPS_TO is not in REL_TYPES.
 */
export const MAPPING_PREDICATES = ['skos:exactMatch', 'skos:closeMatch', 'skos:broadMatch', 'skos:narrowMatch'] as const;
export type MappingPredicate = (typeof MAPPING_PREDICATES)[number];
/** How a mapping was made (SEMAPV); every crosswalk here was curated by reading both definitions. */
export const MAPPING_JUSTIFICATIONS = ['semapv:ManualMappingCuration'] as const;
/** The ontologies a mapping set may map to (its `ipkg_object_ontology`), each with the one kind of entry it maps. */
export const CROSSWALK_ONTOLOGIES: Record<string, { label: Label; name: string }> = {
  BCTO: { label: 'Technique', name: 'Behaviour Change Technique Ontology' },
  MoA: { label: 'Mechanism', name: 'Mechanism of Action ontology (BCIO)' },
};

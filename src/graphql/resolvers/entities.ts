import type { Context } from '../context.js';
import type { Resolvers } from '../generated.js';
import type { LinkKey } from '../loaders.js';
import { loadNodes } from '../../questions/entities.js';
import { lookAhead, nestedFields, selectedFields, type Relation, type RelationOf } from '../projection.js';
import type { GraphQLResolveInfo } from 'graphql';
import type { EffectSizeRecord, EntityRecord, LinkRecord } from '../records.js';
import { modelsPage, neighbours, techniquesPage } from '../../questions/browse.js';
import { readiness } from '../../reasoning/readiness.js';

/**
 * Entity fields: lookups, paged lists, and every relationship of the ontology. Each relationship field is one
 * DataLoader call, so a nesting level costs one `links-*` query however many parents it has.
 */

type Dir = LinkKey['direction'];

async function linksOf(ctx: Context, self: EntityRecord, direction: Dir, types?: string[], label?: string, fields?: string[]): Promise<LinkRecord[]> {
  const links = await ctx.loaders.links.load({ id: self.id, direction, types, label, fields });
  return links.map((l) => ({ ...l, self }));
}

/**
 * The neighbour-list resolvers `related` made, with what they load. Look-ahead finds them by type and field in
 * this module's resolver map (Apollo's schema holds bound copies, not these functions).
 */
const relations = new WeakMap<object, Relation>();
const relationOf: RelationOf = (type, field) => {
  const resolve = (entityResolvers as Record<string, Record<string, unknown> | undefined>)[type.name]?.[field];
  return typeof resolve === 'function' ? relations.get(resolve) : undefined;
};

/**
 * A field listing the neighbours over one relationship type. The relationship fields selected below it are read in
 * the same query (look-ahead, src/graphql/projection.ts), so a pure relationship selection costs one query.
 */
const related = (type: string, direction: Dir, label?: string) => {
  const resolve = (self: EntityRecord, _args: unknown, ctx: Context, info: GraphQLResolveInfo): Promise<EntityRecord[]> =>
    neighbours(ctx, self.id, direction, type, label, selectedFields(info), lookAhead(info, relationOf));
  relations.set(resolve, label ? { direction, type, label } : { direction, type });
  return resolve;
};

/** A field listing the relationships themselves (for edges whose properties matter: severity, role, reason...). */
const linkField =
  (type: string, direction: Dir, label?: string) =>
  (self: EntityRecord, _args: unknown, ctx: Context, info: GraphQLResolveInfo): Promise<LinkRecord[]> =>
    linksOf(ctx, self, direction, [type], label, nestedFields(info));

const loadSources = loadNodes;

/**
 * The stages a technique suits (src/reasoning/readiness.ts) from its EMPLOYS -> SERVES paths: two loader calls,
 * each one query per nesting level however many techniques ask.
 */
async function suitedStages(t: EntityRecord, ctx: Context): Promise<EntityRecord[]> {
  const [whole_, processes] = await Promise.all([
    whole(t, ctx),
    ctx.loaders.links.load({ id: t.id, direction: 'OUT', types: ['EMPLOYS'], label: 'ProcessOfChange', withProps: false }),
  ]);
  const served = await Promise.all(
    processes.map((l) => ctx.loaders.links.load({ id: l.node.id, direction: 'OUT', types: ['SERVES'], label: 'StageOfChange', withProps: false })),
  );
  const paths = processes.flatMap((l, i) => served[i].map((s) => ({ process: l.node, stage: s.node })));
  const { stages } = readiness(whole_, paths);
  // Stage ids are the stage values in lower case (seed/vocabulary/stages.yaml); the nodes loader batches them.
  const nodes = await ctx.loaders.nodes.loadMany(stages.map((st) => st.toLowerCase()));
  return nodes.filter((n): n is EntityRecord => !!n && !(n instanceof Error) && stages.includes(String(n.stage)));
}

const list = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : []);

/** The whole node behind a possibly projected one (see src/graphql/projection.ts). */
async function whole(p: EntityRecord, ctx: Context): Promise<EntityRecord> {
  return p.__partial ? ((await ctx.loaders.nodes.load(p.id)) ?? p) : p;
}

/** A property, completed from the whole node when a projection left it out. */
async function prop(p: EntityRecord, name: string, ctx: Context): Promise<unknown> {
  return name in p || !p.__partial ? p[name] : (await whole(p, ctx))[name];
}

const listField = (name: string) => async (p: EntityRecord, _a: unknown, ctx: Context) => list(await prop(p, name, ctx));

/** Fields every entity type shares. */
const entity = {
  aliases: listField('aliases'),
  sources: async (p: EntityRecord, _a: unknown, ctx: Context) => loadSources(ctx, await prop(p, 'sources', ctx)),
  links: async (p: EntityRecord, args: { types?: string[] | null; direction?: Dir | null }, ctx: Context, info: GraphQLResolveInfo) => {
    // The RelationshipType enum (checked against src/seed/kinds.ts) already rejects unknown types.
    const types = args.types ?? undefined;
    const dirs: Dir[] = args.direction ? [args.direction] : ['OUT', 'IN'];
    return (await Promise.all(dirs.map((d) => linksOf(ctx, p, d, types, undefined, nestedFields(info))))).flat();
  },
};

/** Fields of an edge object: which end plays which role, the edge's citation, and the properties it exposes. */
const edge = (ends: Record<string, 'self' | 'node'>, props: Array<'reason' | 'role' | 'reframing' | 'severity'> = []) => ({
  ...Object.fromEntries(Object.entries(ends).map(([field, end]) => [field, (l: LinkRecord) => l[end]])),
  // Data rules make reason (on contraindications), role, reframing and severity present where the schema says non-null.
  ...Object.fromEntries(props.map((p) => [p, (l: LinkRecord) => l.props[p] ?? null])),
  sources: (l: LinkRecord, _a: unknown, ctx: Context) => loadSources(ctx, l.props.sources),
  evidence: (l: LinkRecord) => l.props.evidence,
});

const effectSizes = async (p: EntityRecord, _a: unknown, ctx: Context): Promise<EffectSizeRecord[]> => {
  const raw = await prop(p, 'effectSizes', ctx);
  return typeof raw === 'string' ? JSON.parse(raw) : [];
};

const byLabel = (label: string) => async (_p: unknown, _a: unknown, ctx: Context) =>
  (await ctx.db.read('list-by-label', { label }, ctx.trips)).map((r) => r.node);

const typed = (label: string) => async (_p: unknown, args: { id: string }, ctx: Context) => {
  const node = await ctx.loaders.nodes.load(args.id);
  return node && node.__label === label ? node : null;
};

function citation(p: EntityRecord): string {
  const authors = list(p.authors);
  const who = authors.length > 1 ? `${authors.slice(0, -1).join(', ')}, & ${authors.at(-1)}` : (authors[0] ?? '');
  const editors = p.edited ? (authors.length > 1 ? ' (Eds.)' : ' (Ed.)') : '';
  // APA puts the edition after the title: "Title (2nd ed.)."; a bare number reads as an ordinal.
  const ed = p.edition ? ` (${/^\d+$/.test(String(p.edition)) ? ordinal(Number(p.edition)) : String(p.edition)} ed.)` : '';
  const issue = p.volume ? `, ${p.volume}${p.issue ? `(${p.issue})` : ''}${p.pages ? `, ${p.pages}` : ''}` : '';
  const tail = [`${p.venue}${issue}`, p.doi ? `https://doi.org/${p.doi}` : null].filter(Boolean).join('. ');
  return `${who}${editors} (${p.year}). ${p.title}${ed}. ${tail}.`;
}

const ordinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th')}`;

export const entityResolvers: Resolvers = {
  Query: {
    node: (_p, { id }, ctx) => ctx.loaders.nodes.load(id),
    model: typed('Model'),
    technique: typed('Technique'),
    models: (_p, { first, after, filter }, ctx) => modelsPage(ctx, first, after, filter),
    techniques: (_p, { first, after, filter }, ctx) => techniquesPage(ctx, first, after, filter),
    modalities: byLabel('Modality'),
    integrationStrategies: byLabel('IntegrationStrategy'),
    commonFactors: byLabel('CommonFactor'),
    clientFactors: byLabel('ClientFactor'),
    therapeuticFactors: byLabel('TherapeuticFactor'),
    phases: byLabel('Phase'),
    stagesOfChange: byLabel('StageOfChange'),
    processesOfChange: byLabel('ProcessOfChange'),
    domains: byLabel('Domain'),
    mechanisms: byLabel('Mechanism'),
    contraindications: byLabel('Contraindication'),
    targets: byLabel('Target'),
    target: typed('Target'),
    tenets: byLabel('Tenet'),
    sources: byLabel('Source'),
  },
  Node: { __resolveType: (p) => p.__label as never },
  Sourced: { __resolveType: (p) => p.__label as never },
  ModelConnection: { totalCount: (c) => c.totalCount() },
  TechniqueConnection: { totalCount: (c) => c.totalCount() },
  Link: edge({ node: 'node' }, ['reason', 'role', 'reframing', 'severity']),
  Source: {
    authors: listField('authors'),
    edited: async (p, _a, ctx) => (await prop(p, 'edited', ctx)) === true,
    citation: async (p, _a, ctx) => citation(await whole(p, ctx)),
  },
  Model: {
    ...entity,
    founders: listField('founders'),
    techniques: related('USES', 'OUT', 'Technique'),
    originatedTechniques: related('ORIGINATES_IN', 'IN', 'Technique'),
    tenets: related('HOLDS', 'OUT', 'Tenet'),
    strategies: related('EXEMPLIFIES', 'OUT'),
    integrates: linkField('INTEGRATES', 'OUT'),
    integratedBy: linkField('INTEGRATES', 'IN'),
    derivesFrom: related('DERIVES_FROM', 'OUT'),
    derivedModels: related('DERIVES_FROM', 'IN'),
    commonFactors: related('CULTIVATES', 'OUT'),
    domains: related('EMPHASIZES', 'OUT'),
    assimilations: linkField('ASSIMILATES_INTO', 'IN'),
  },
  ModelIntegration: {
    ...edge({}, ['role']),
    integrative: (l) => (l.direction === 'OUT' ? l.self : l.node),
    model: (l) => (l.direction === 'OUT' ? l.node : l.self),
  },
  Assimilation: {
    ...edge({}, ['reframing']),
    technique: (l) => (l.direction === 'OUT' ? l.self : l.node),
    baseModel: (l) => (l.direction === 'OUT' ? l.node : l.self),
  },
  Technique: {
    ...entity,
    formats: listField('formats') as never,
    models: related('USES', 'IN', 'Model'),
    originModels: related('ORIGINATES_IN', 'OUT'),
    modalities: related('TARGETS', 'OUT'),
    mechanisms: related('ACTS_THROUGH', 'OUT'),
    contraindications: linkField('HAS_CONTRAINDICATION', 'OUT'),
    phases: related('IN_PHASE', 'OUT'),
    requires: linkField('REQUIRES', 'OUT'),
    follows: linkField('SHOULD_FOLLOW', 'OUT'),
    commonFactors: related('CULTIVATES', 'OUT'),
    processes: related('EMPLOYS', 'OUT'),
    assimilations: linkField('ASSIMILATES_INTO', 'OUT'),
    targets: linkField('ADDRESSES', 'OUT', 'Target'),
    stages: (p, _a, ctx) => suitedStages(p, ctx),
  },
  TechniqueTarget: edge({ technique: 'self', target: 'node' }),
  Target: {
    ...entity,
    risks: listField('risks') as never,
    modalities: related('IN_MODALITY', 'OUT', 'Modality'),
    techniques: async (p, _a, ctx, info) =>
      // The edge type reads technique/target by role; from the target's side the technique is the neighbour.
      (await linksOf(ctx, p, 'IN', ['ADDRESSES'], 'Technique', nestedFields(info))).map((l) => ({ ...l, self: l.node, node: p })),
  },
  TechniqueContraindication: edge({ technique: 'self', contraindication: 'node' }, ['severity', 'reason']),
  TechniqueOrdering: edge({ technique: 'node' }, ['reason']),
  ContraindicatedTechnique: edge({ technique: 'node' }, ['severity', 'reason']),
  TenetConflict: edge({ tenet: 'node' }, ['reason']),
  MechanismConflict: edge({ mechanism: 'node' }, ['reason']),
  Modality: {
    ...entity,
    domain: async (p, _a, ctx, info) => (await related('IN_DOMAIN', 'OUT')(p, _a, ctx, info))[0] ?? null,
    techniques: related('TARGETS', 'IN', 'Technique'),
  },
  Mechanism: {
    ...entity,
    domains: related('IN_DOMAIN', 'OUT'),
    techniques: related('ACTS_THROUGH', 'IN', 'Technique'),
    presupposes: related('PRESUPPOSES', 'OUT', 'Tenet'),
    contradicts: linkField('CONTRADICTS', 'OUT', 'Tenet'),
  },
  Contraindication: {
    ...entity,
    techniques: linkField('HAS_CONTRAINDICATION', 'IN', 'Technique'),
  },
  Tenet: {
    ...entity,
    models: related('HOLDS', 'IN', 'Model'),
    // Contradiction between tenets is symmetric; it is stored once, in either direction.
    contradicts: async (p, _a, ctx, info) =>
      (
        await Promise.all([
          linksOf(ctx, p, 'OUT', ['CONTRADICTS'], 'Tenet', nestedFields(info)),
          linksOf(ctx, p, 'IN', ['CONTRADICTS'], 'Tenet', nestedFields(info)),
        ])
      ).flat(),
    excludesDirectiveness: listField('excludesDirectiveness') as never,
    excludesStructure: listField('excludesStructure') as never,
    presupposedBy: related('PRESUPPOSES', 'IN', 'Mechanism'),
    contradictedBy: linkField('CONTRADICTS', 'IN', 'Mechanism'),
  },
  IntegrationStrategy: { ...entity, models: related('EXEMPLIFIES', 'IN', 'Model') },
  CommonFactor: {
    ...entity,
    effectSizes: effectSizes,
    models: related('CULTIVATES', 'IN', 'Model'),
    techniques: related('CULTIVATES', 'IN', 'Technique'),
  },
  ClientFactor: {
    ...entity,
    effectSizes: effectSizes,
    conditions: related('HAS_CONDITION', 'OUT'),
    stages: related('HAS_STAGE', 'OUT'),
    commonFactors: related('RELATES_TO', 'OUT'),
  },
  EffectSize: {
    source: async (e, _a, ctx) => (await ctx.loaders.nodes.load(e.source))!,
    evidence: (e) => (e.evidence ?? 'META_ANALYSIS') as never,
  },
  TherapeuticFactor: { ...entity, commonFactors: related('RELATES_TO', 'OUT') },
  Phase: { ...entity, techniques: related('IN_PHASE', 'IN', 'Technique'), precedes: related('PRECEDES', 'OUT') },
  StageOfChange: { ...entity, processes: related('SERVES', 'IN', 'ProcessOfChange'), precedes: related('PRECEDES', 'OUT') },
  ProcessOfChange: {
    ...entity,
    stages: related('SERVES', 'OUT'),
    techniques: related('EMPLOYS', 'IN', 'Technique'),
  },
  Domain: {
    ...entity,
    modalities: related('IN_DOMAIN', 'IN', 'Modality'),
    mechanisms: related('IN_DOMAIN', 'IN', 'Mechanism'),
    models: related('EMPHASIZES', 'IN', 'Model'),
  },
};

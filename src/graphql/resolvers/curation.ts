import { warmProfiles } from '../../questions/profiles.js';
import type { Caller } from '../../auth/guard.js';
import { requireRole } from '../../auth/guard.js';
import type { Principal } from '../../auth/tokens.js';
import type { RelationshipProps, Run } from '../../db/queries.js';
import { foldAudit, type AuditChangedItem, type AuditChangeSet } from '../../export/changes.js';
import { checkEdgeProp, checkEntityData, checkField, edgeSpecFor, entityData, entityProps, impliedEdge } from '../../seed/compile.js';
import { KIND_BY_LABEL, LABELS, REL_TYPES, type KindSpec, type Label } from '../../seed/kinds.js';
import type { Context } from '../context.js';
import { badInput, conflict, notFound } from '../errors.js';
import type { EntityFieldsInput, EntityType, EvidenceLevel, Resolvers } from '../generated.js';
import type { CurationResultRecord, EntityRecord, LinkRecord } from '../records.js';
import { pageSize } from '../../questions/entities.js';

/**
 * Curation mutations and the audit log. The rules are the seed's (src/seed/kinds.ts through the checks in
 * src/seed/compile.ts), so the API and the seed files accept exactly the same entries. Each write is:
 *   check the caller's role -> check the input on its own (no database) -> one write transaction that moves the
 *   data version first (serialising writes), re-reads what it depends on, checks references and versions, writes,
 *   and records the audit entry. Any error rolls the whole transaction back.
 */

type Action = 'CREATE_ENTITY' | 'UPDATE_ENTITY' | 'DELETE_ENTITY' | 'CREATE_RELATIONSHIP' | 'UPDATE_RELATIONSHIP' | 'DELETE_RELATIONSHIP';
interface Change {
  field: string;
  before: string | null;
  after: string | null;
}

/** EntityType enum value of a label: IntegrationStrategy <-> INTEGRATION_STRATEGY. */
const enumOf = (label: string) => label.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
const KIND_BY_ENUM = new Map(LABELS.map((l) => [enumOf(l), KIND_BY_LABEL.get(l)!]));
/** The EntityFieldsInput sub-input holding a kind's own fields: Source -> source, StageOfChange -> stageOfChange. */
const subInputOf = (label: string) => label[0].toLowerCase() + label.slice(1);
const SUB_INPUTS = new Set(LABELS.filter((l) => Object.keys(KIND_BY_LABEL.get(l)!.fields).length > 0).map(subInputOf));
const SOURCE_COMMON = new Set(['name', 'description', 'aliases', 'sources', 'evidence', 'wikidata', 'mesh']);
const EDGE_PROPS = ['reason', 'role', 'reframing', 'severity'] as const;
/** Properties the loader and curation manage themselves; never part of a diff or a patch. */
const INTERNAL = new Set(['id', 'version', 'seeded', 'seedHash', '__label']);

/** Where a field of `kind` lives in the mutation input, for `extensions.field`. */
function fieldPath(kind: KindSpec, name: string): string {
  if (name === 'id') return 'input.id';
  return name in kind.fields ? `input.fields.${subInputOf(kind.label)}.${name}` : `input.fields.${name}`;
}

/** Drops nulls inside effect sizes: GraphQL sends absent optional fields as null, the seed format omits them. */
const compact = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(compact)
    : v !== null && typeof v === 'object'
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([, x]) => x !== null)
            .map(([k, x]) => [k, compact(x)]),
        )
      : v;

/**
 * An EntityFieldsInput as seed-format data: common fields plus the kind's own sub-input. Keys absent from the
 * input stay absent (an update leaves them alone); explicit nulls stay null (an update clears them).
 */
function inputData(kind: KindSpec, fields: EntityFieldsInput): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  const own = subInputOf(kind.label);
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (SUB_INPUTS.has(key)) {
      if (key !== own) throw badInput(`"${key}" fields do not apply to a ${kind.label}`, `input.fields.${key}`);
      for (const [k, v] of Object.entries(value ?? {})) if (v !== undefined) data[k] = k === 'effectSizes' ? compact(v) : v;
    } else {
      if (kind.label === 'Source' && SOURCE_COMMON.has(key))
        throw badInput(`"${key}" is not a field of a Source (its name is its title; it cites itself)`, `input.fields.${key}`);
      data[key] = value;
    }
  }
  return data;
}

function validate(kind: KindSpec, data: Record<string, unknown>): void {
  const [first] = checkEntityData(kind, data);
  if (first) throw badInput(first.problem, fieldPath(kind, first.field));
}

function checkCitation(sources: readonly string[], field: string): void {
  const problem = checkField('sources', { type: 'strings', required: true }, sources);
  if (problem) throw badInput(`${problem}: every write cites at least one source`, field);
}

/** Source keys an entry refers to: its sources and its effect sizes' sources. */
function citedKeys(data: Record<string, unknown>): string[] {
  const keys = Array.isArray(data.sources) ? (data.sources as string[]) : [];
  const es = Array.isArray(data.effectSizes) ? (data.effectSizes as Array<{ source?: string }>).map((e) => String(e.source)) : [];
  return [...keys, ...es];
}

/** Field-by-field difference of two property maps, values as JSON text. */
function diff(before: Record<string, unknown>, after: Record<string, unknown>): Change[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !INTERNAL.has(k)).sort();
  const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
  return keys.map((field) => ({ field, before: json(before[field]), after: json(after[field]) })).filter((c) => c.before !== c.after);
}

/** Reads entities by id inside the transaction. */
async function lookup(run: Run, ids: string[]): Promise<Map<string, EntityRecord>> {
  const found = new Map<string, EntityRecord>();
  for (const r of await run('nodes-by-id', { ids: [...new Set(ids)] })) if (r.node) found.set(r.id, r.node);
  return found;
}

function requireSources(found: Map<string, EntityRecord>, keys: readonly string[], field: string): void {
  for (const k of keys) if (found.get(k)?.__label !== 'Source') throw badInput(`"${k}" is not a source key`, field);
}

function requireVersion(current: unknown, sent: number, what: string): void {
  const version = Number(current ?? 0);
  if (version !== sent)
    throw conflict(`${what} has changed since you read it: it is at version ${version}, you sent ${sent}; read it again`, 'input.version', {
      currentVersion: version,
    });
}

/** One write transaction: the data version moves first (the audit seq), then `work`, then the audit entry. */
async function write(
  ctx: Context,
  actor: Principal,
  work: (run: Run) => Promise<{
    action: Action;
    target: string;
    kind: string;
    sources: string[];
    changes: Change[];
    entity?: EntityRecord | null;
    relationship?: LinkRecord | null;
  }>,
): Promise<CurationResultRecord> {
  try {
    const result = await ctx.db.writeTx(
      async (run) => {
        const seq = Number((await run('audit-begin'))[0].seq);
        const done = await work(run);
        const [row] = await run('audit-record', {
          seq,
          actor: actor.name,
          action: done.action,
          target: done.target,
          kind: done.kind,
          sources: [...new Set(done.sources)],
          changes: JSON.stringify(done.changes),
        });
        return { entity: done.entity ?? null, relationship: done.relationship ?? null, audit: row.entry };
      },
      undefined,
      ctx.trips,
    );
    warmProfiles(ctx.db);
    return result;
  } catch (err) {
    // A concurrent create of the same id that slipped past our check: the constraint has the last word.
    if ((err as { code?: string }).code === 'Neo.ClientError.Schema.ConstraintValidationFailed')
      throw conflict('An entity with this id already exists', 'input.id');
    throw err;
  }
}

interface EdgeInput {
  from: string;
  type: string;
  to: string;
  sources: string[];
  evidence?: string | null;
  reason?: string | null;
  role?: string | null;
  reframing?: string | null;
  severity?: string | null;
}

/** Checks a relationship's ends, type and properties; returns its ends and the properties to store. */
async function checkEdge(run: Run, input: EdgeInput, withProps: boolean) {
  if (!REL_TYPES.includes(input.type)) throw badInput(`Unknown relationship type "${input.type}"; known: ${REL_TYPES.join(', ')}`, 'input.type');
  const found = await lookup(run, [input.from, input.to, ...input.sources]);
  const from = found.get(input.from);
  const to = found.get(input.to);
  if (!from) throw badInput(`No entity with id "${input.from}"`, 'input.from');
  if (!to) throw badInput(`No entity with id "${input.to}"`, 'input.to');
  requireSources(found, input.sources, 'input.sources');
  const spec = edgeSpecFor(input.type, from.__label as Label, to.__label as Label);
  if (!spec) throw badInput(`A ${from.__label} cannot have a ${input.type} relationship to a ${to.__label}`, 'input.type');
  if (input.from === input.to) throw badInput('A relationship must join two different entities', 'input.to');
  const props: Record<string, unknown> = {};
  if (withProps) {
    for (const p of EDGE_PROPS) {
      const spec_ = spec.props?.find((s) => s.name === p);
      if (!spec_) {
        if (input[p] !== undefined && input[p] !== null) throw badInput(`${input.type} relationships have no "${p}"`, `input.${p}`);
        props[p] = null; // clears it on update
        continue;
      }
      const problem = checkEdgeProp(spec_, input[p]);
      if (problem) throw badInput(`${p} ${problem.replace(/^\.\w+ /, '')}`, `input.${p}`);
      props[p] = input[p] ?? null;
    }
    props.sources = input.sources;
    props.evidence = input.evidence;
  }
  return { from, to, props };
}

const linkOf = (type: string, from: EntityRecord, to: EntityRecord, props: RelationshipProps): LinkRecord => ({
  type,
  direction: 'OUT',
  self: from,
  node: to,
  props,
});

const edgeTarget = (i: { from: string; type: string; to: string }) => `${i.from}|${i.type}|${i.to}`;

const cursorOf = (seq: number) => Buffer.from(`audit:${seq}`, 'utf8').toString('base64url');
function seqOf(after: string | null | undefined): number | null {
  if (after === null || after === undefined) return null;
  const m = /^audit:(\d{1,15})$/.exec(Buffer.from(after, 'base64url').toString('utf8'));
  if (!m) throw badInput('`after` is not a cursor returned by auditLog', 'after');
  return Number(m[1]);
}

/** Writes one `changes` answer folds at most; more and it says `truncated`, to be asked again from there. */
const CHANGES_LIMIT = 5000;

/** Curator names are shown to curators only: the audit log itself is public. */
const isCurator = (caller: Caller) => caller !== null && caller !== 'invalid' && caller.role === 'curator';

const versioned = Object.fromEntries(LABELS.map((l) => [l, { version: (p: EntityRecord) => Number(p.version ?? 0) }]));

export const curationResolvers: Resolvers = {
  ...versioned,
  Link: { version: (l) => Number(l.props.version ?? 0) },
  Query: {
    changes: async (_p, { sinceVersion }, ctx) => {
      if (!Number.isInteger(sinceVersion) || sinceVersion < 0) throw badInput('`sinceVersion` must be a non-negative integer (a data version)', 'sinceVersion');
      const [row] = await ctx.db.read('audit-since', { since: sinceVersion, limit: CHANGES_LIMIT + 1 }, ctx.trips);
      const read = (row?.entries ?? []).map((e) => ({ ...e, seq: Number(e.seq), at: Number(e.at) }));
      const truncated = read.length > CHANGES_LIMIT;
      const entries = read.slice(0, CHANGES_LIMIT);
      const throughVersion = truncated ? entries[entries.length - 1].seq : Math.max(Number(row?.dataVersion ?? 0), sinceVersion);
      const folded = foldAudit(entries);
      const items = (list: AuditChangedItem[]) =>
        list.map((i) => ({
          ...i,
          evidenceBefore: i.evidenceBefore as EvidenceLevel | null,
          evidenceAfter: i.evidenceAfter as EvidenceLevel | null,
          at: new Date(i.at).toISOString(),
          actors: isCurator(ctx.caller) ? i.actors : null,
        }));
      const set = (s: AuditChangeSet) => ({ created: items(s.created), updated: items(s.updated), deleted: items(s.deleted) });
      return {
        sinceVersion,
        throughVersion,
        truncated,
        writes: entries.length,
        unaudited: Math.max(0, throughVersion - sinceVersion - entries.length),
        entities: set(folded.entities),
        relationships: set(folded.relationships),
      };
    },
    auditLog: async (_p, { first, after }, ctx) => {
      const limit = pageSize(first);
      const rows = await ctx.db.read('audit-page', { after: seqOf(after), limit: limit + 1 }, ctx.trips);
      const entries = rows.slice(0, limit).map((r) => r.entry);
      const edges = entries.map((node) => ({ cursor: cursorOf(Number(node.seq)), node }));
      return { edges, pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
    },
  },
  AuditEntry: {
    at: (a) => new Date(Number(a.at)).toISOString(),
    actor: (a, _args, ctx) => (isCurator(ctx.caller) ? a.actor : null),
    action: (a) => a.action as never,
    sourceKeys: (a) => a.sources ?? [],
    changes: (a) => JSON.parse(a.changes) as Change[],
  },
  Mutation: {
    createEntity: async (_p, { input }, ctx) => {
      const actor = requireRole(ctx.caller, 'curator');
      const kind = KIND_BY_ENUM.get(input.kind as EntityType)!;
      const data: Record<string, unknown> = { ...inputData(kind, input.fields), id: input.id };
      validate(kind, data);
      const isSource = kind.label === 'Source';
      const cites = isSource ? [] : citedKeys(data);
      return write(ctx, actor, async (run) => {
        const found = await lookup(run, [input.id, ...cites]);
        const existing = found.get(input.id);
        if (existing) throw conflict(`"${input.id}" already exists (a ${existing.__label})`, 'input.id');
        requireSources(found, isSource ? [] : (data.sources as string[]), 'input.fields.sources');
        requireSources(found, cites, `input.fields.${subInputOf(kind.label)}.effectSizes`);
        const props = entityProps(kind, data);
        const [row] = await run('curation-entity-create', { props, label: kind.label });
        return {
          action: 'CREATE_ENTITY',
          target: input.id,
          kind: kind.label,
          sources: isSource ? [input.id] : (data.sources as string[]),
          changes: diff({}, props),
          entity: row.node,
        };
      });
    },

    updateEntity: async (_p, { input }, ctx) => {
      const actor = requireRole(ctx.caller, 'curator');
      checkCitation(input.sources, 'input.sources');
      return write(ctx, actor, async (run) => {
        const current = (await lookup(run, [input.id])).get(input.id);
        if (!current) throw notFound('entity', input.id, 'input.id');
        requireVersion(current.version, input.version, `"${input.id}"`);
        const kind = KIND_BY_LABEL.get(current.__label as Label)!;
        const patch = inputData(kind, input.fields);
        const merged: Record<string, unknown> = { ...entityData(kind, current), ...patch, id: input.id };
        for (const [k, v] of Object.entries(merged)) if (v === null) delete merged[k];
        validate(kind, merged);
        const found = await lookup(run, [...input.sources, ...citedKeys(patch)]);
        requireSources(found, input.sources, 'input.sources');
        requireSources(found, citedKeys(patch), 'input.fields.sources');
        const before = entityProps(kind, entityData(kind, current));
        const after = entityProps(kind, merged);
        // Every managed property is written: new values, and nulls for the ones that went away.
        const props = Object.fromEntries(
          [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !INTERNAL.has(k)).map((k) => [k, after[k] ?? null]),
        );
        const [row] = await run('curation-entity-update', { id: input.id, version: input.version, props });
        return {
          action: 'UPDATE_ENTITY',
          target: input.id,
          kind: kind.label,
          sources: input.sources,
          changes: diff(before, after),
          entity: row.node,
        };
      });
    },

    deleteEntity: async (_p, { input }, ctx) => {
      const actor = requireRole(ctx.caller, 'curator');
      checkCitation(input.sources, 'input.sources');
      return write(ctx, actor, async (run) => {
        const found = await lookup(run, [input.id, ...input.sources]);
        const current = found.get(input.id);
        if (!current) throw notFound('entity', input.id, 'input.id');
        requireVersion(current.version, input.version, `"${input.id}"`);
        requireSources(
          found,
          input.sources.filter((k) => k !== input.id),
          'input.sources',
        );
        const kind = KIND_BY_LABEL.get(current.__label as Label)!;
        if (kind.label === 'Source') {
          const [c] = await run('curation-citations', { id: input.id, needle: `"source":${JSON.stringify(input.id)}` });
          const uses = Number(c.entities) + Number(c.relationships);
          if (uses > 0)
            throw conflict(`Source "${input.id}" is still cited by ${c.entities} entities and ${c.relationships} relationships`, 'input.id', { citedBy: uses });
        }
        const [row] = await run('curation-entity-delete', { id: input.id, version: input.version });
        const before = entityProps(kind, entityData(kind, current));
        const changes = [...diff(before, {}), { field: 'relationships', before: String(row.relationships), after: null }];
        return { action: 'DELETE_ENTITY', target: input.id, kind: kind.label, sources: input.sources, changes, entity: null };
      });
    },

    createRelationship: async (_p, { input }, ctx) => {
      const actor = requireRole(ctx.caller, 'curator');
      checkCitation(input.sources, 'input.sources');
      return write(ctx, actor, async (run) => {
        const { from, to, props } = await checkEdge(run, input, true);
        if ((await run('curation-edge-get', input)).length) throw conflict(`${edgeTarget(input)} already exists; update it instead`, 'input.type');
        const stored = Object.fromEntries(Object.entries(props).filter(([, v]) => v !== null));
        const [row] = await run('curation-edge-create', { from: input.from, to: input.to, type: input.type, props: stored });
        const implied = impliedEdge(input.type, input.from, input.to);
        if (implied) await run('curation-edge-create', { ...implied, props: { sources: input.sources, evidence: input.evidence, ...implied.props } });
        return {
          action: 'CREATE_RELATIONSHIP',
          target: edgeTarget(input),
          kind: input.type,
          sources: input.sources,
          changes: diff({}, stored),
          relationship: linkOf(input.type, from, to, row.props),
        };
      });
    },

    updateRelationship: async (_p, { input }, ctx) => {
      const actor = requireRole(ctx.caller, 'curator');
      checkCitation(input.sources, 'input.sources');
      return write(ctx, actor, async (run) => {
        const { from, to, props } = await checkEdge(run, input, true);
        const [current] = await run('curation-edge-get', input);
        if (!current) throw notFound('relationship', edgeTarget(input), 'input');
        const before = current.props;
        requireVersion(before.version, input.version, edgeTarget(input));
        const [row] = await run('curation-edge-update', { from: input.from, to: input.to, type: input.type, version: input.version, props });
        const after = row.props;
        return {
          action: 'UPDATE_RELATIONSHIP',
          target: edgeTarget(input),
          kind: input.type,
          sources: input.sources,
          changes: diff(before, after),
          relationship: linkOf(input.type, from, to, after),
        };
      });
    },

    deleteRelationship: async (_p, { input }, ctx) => {
      const actor = requireRole(ctx.caller, 'curator');
      checkCitation(input.sources, 'input.sources');
      return write(ctx, actor, async (run) => {
        await checkEdge(run, input, false);
        const [current] = await run('curation-edge-get', input);
        if (!current) throw notFound('relationship', edgeTarget(input), 'input');
        const before = current.props;
        requireVersion(before.version, input.version, edgeTarget(input));
        await run('curation-edge-delete', { from: input.from, to: input.to, type: input.type, version: input.version, onlyImplied: false });
        const implied = impliedEdge(input.type, input.from, input.to);
        if (implied) await run('curation-edge-delete', { ...implied, version: null, onlyImplied: true });
        return {
          action: 'DELETE_RELATIONSHIP',
          target: edgeTarget(input),
          kind: input.type,
          sources: input.sources,
          changes: diff(before, {}),
          relationship: null,
        };
      });
    },
  },
};

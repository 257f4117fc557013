import { parseCsv } from './csv.js';

/**
 * Change lists, two ways, in one vocabulary:
 *  - between two releases, from their nodes.csv and edges.csv (`diffReleases`): everything that differs,
 *    whoever changed it (seed loads included);
 *  - since a data version, from the curation audit log (`foldAudit`, behind GraphQL `changes`).
 * Both are net: what differs between the start and the end, not every step in between.
 */

export interface ChangedItem {
  /** Entity id, or `from|TYPE|to` for a relationship. */
  target: string;
  /** Node label, or relationship type. */
  kind: string;
  /** The entity's name where known (releases only). */
  name?: string;
  /** True when the evidence level differs between the start and the end. */
  regraded: boolean;
  evidenceBefore: string | null;
  evidenceAfter: string | null;
  /** Fields whose value differs between the start and the end, sorted. */
  fields: string[];
}

// ---------------------------------------------------------------------------------------------------------------
// Between releases
// ---------------------------------------------------------------------------------------------------------------

export interface ReleaseChangeSet {
  added: ChangedItem[];
  removed: ChangedItem[];
  /** Present in both, evidence level changed (other fields may have changed too: `fields`). */
  regraded: ChangedItem[];
  /** Present in both, evidence level unchanged, some other field changed. */
  updated: ChangedItem[];
}

export interface ReleaseChanges {
  /** The release compared against; null for a first release (then every list is empty). */
  previous: { version: string; datePublished: string; folder: string } | null;
  version: string;
  entities: ReleaseChangeSet;
  relationships: ReleaseChangeSet;
}

export interface ReleaseTables {
  nodesCsv: string;
  edgesCsv: string;
}

type Rec = Record<string, string>;
/** Curation's optimistic-concurrency counter moves on every write; it is not a change of knowledge. */
const BOOKKEEPING = new Set(['version']);
const nodeKey = (r: Rec) => r.id;
const edgeKey = (r: Rec) => `${r.from}|${r.type}|${r.to}`;
const cmp = (a: ChangedItem, b: ChangedItem) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0);
const orNull = (v: string | undefined) => (v === undefined || v === '' ? null : v);

function diffTables(before: Rec[], after: Rec[], key: (r: Rec) => string, kindCol: string, withName: boolean): ReleaseChangeSet {
  const old = new Map(before.map((r) => [key(r), r]));
  const now = new Map(after.map((r) => [key(r), r]));
  const item = (target: string, r: Rec, b: Rec | undefined, a: Rec | undefined, fields: string[]): ChangedItem => ({
    target,
    kind: r[kindCol],
    ...(withName && r.name ? { name: r.name } : {}),
    regraded: b !== undefined && a !== undefined && (b.evidence ?? '') !== (a.evidence ?? ''),
    evidenceBefore: orNull(b?.evidence),
    evidenceAfter: orNull(a?.evidence),
    fields,
  });
  const out: ReleaseChangeSet = { added: [], removed: [], regraded: [], updated: [] };
  for (const [k, a] of now) {
    const b = old.get(k);
    if (!b) {
      out.added.push(item(k, a, undefined, a, []));
      continue;
    }
    // Columns may come and go between releases (a new property); an absent column reads as empty.
    const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((f) => !BOOKKEEPING.has(f) && (b[f] ?? '') !== (a[f] ?? '')).sort();
    if (!fields.length) continue;
    const changed = item(k, a, b, a, fields);
    (changed.regraded ? out.regraded : out.updated).push(changed);
  }
  for (const [k, b] of old) if (!now.has(k)) out.removed.push(item(k, b, b, undefined, []));
  for (const list of Object.values(out)) list.sort(cmp);
  return out;
}

/** What differs between two releases' nodes.csv and edges.csv. */
export function diffReleases(previous: ReleaseTables, current: ReleaseTables): Pick<ReleaseChanges, 'entities' | 'relationships'> {
  return {
    entities: diffTables(parseCsv(previous.nodesCsv), parseCsv(current.nodesCsv), nodeKey, 'label', true),
    relationships: diffTables(parseCsv(previous.edgesCsv), parseCsv(current.edgesCsv), edgeKey, 'type', false),
  };
}

const count = (s: ReleaseChangeSet) =>
  `${s.added.length} added, ${s.removed.length} removed, ${s.regraded.length} re-graded, ${s.updated.length} otherwise changed`;

export function changesSummary(c: Pick<ReleaseChanges, 'entities' | 'relationships'>): string {
  return `entities: ${count(c.entities)}; relationships: ${count(c.relationships)}`;
}

/** CHANGES.md: the same as changes.json, for people. */
export function changesMarkdown(c: ReleaseChanges): string {
  const out = [`# Changes in data version ${c.version}`, ''];
  if (!c.previous) {
    out.push('First release: no earlier release was found beside this one, so there is nothing to compare with.', '');
    return out.join('\n');
  }
  out.push(`Compared with data version ${c.previous.version} (published ${c.previous.datePublished}, folder \`${c.previous.folder}\`).`, '');
  out.push(`- Entities: ${count(c.entities)}.`, `- Relationships: ${count(c.relationships)}.`, '');
  const line = (i: ChangedItem) => {
    const what = i.name ? `\`${i.target}\` (${i.kind}, ${i.name})` : `\`${i.target}\``;
    const grade = i.regraded ? `: ${i.evidenceBefore ?? '—'} → ${i.evidenceAfter ?? '—'}` : '';
    const fields = i.fields.filter((f) => f !== 'evidence');
    return `- ${what}${grade}${fields.length ? ` (${i.regraded ? 'also ' : ''}${fields.join(', ')})` : ''}`;
  };
  for (const [title, set] of [
    ['Entities', c.entities],
    ['Relationships', c.relationships],
  ] as const) {
    for (const [heading, list] of [
      ['added', set.added],
      ['removed', set.removed],
      ['re-graded', set.regraded],
      ['otherwise changed', set.updated],
    ] as const) {
      if (!list.length) continue;
      out.push(`## ${title} ${heading} (${list.length})`, '', ...list.map(line), '');
    }
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// From the audit log
// ---------------------------------------------------------------------------------------------------------------

/** An audit entry as cypher/audit-record.cypher stores it; `changes` is JSON text of {field, before, after}[]. */
export interface AuditEntryLike {
  seq: number;
  at: number;
  actor: string;
  action: string;
  target: string;
  kind: string;
  changes: string;
}

/** The whole stored entry (the GraphQL AuditEntry's record): what foldAudit reads, plus the cited sources. */
export interface AuditEntryStored extends AuditEntryLike {
  sources: string[];
}

export interface AuditChangedItem extends ChangedItem {
  /** The data versions (audit seqs) of the writes that touched it, oldest first. */
  versions: number[];
  /** When the last of them was made (epoch ms). */
  at: number;
  actors: string[];
}

export interface AuditChangeSet {
  created: AuditChangedItem[];
  updated: AuditChangedItem[];
  deleted: AuditChangedItem[];
}

export interface AuditChanges {
  entities: AuditChangeSet;
  relationships: AuditChangeSet;
}

interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

/** The audit's JSON text of an evidence level, as the level itself. */
const level = (json: string | null | undefined): string | null => {
  if (json === null || json === undefined) return null;
  const v = JSON.parse(json) as unknown;
  return typeof v === 'string' ? v : null;
};

/** Bookkeeping in an entity delete's changes (how many relationships went with it), not a field. */
const NOT_FIELDS = new Set(['relationships']);

/**
 * Folds audit entries (any order) into the net change per entity and relationship: existed at the start (its first
 * write is not a create) and exists at the end (its last write is not a delete) decide created / updated /
 * deleted; something created and deleted inside the window is left out. Each field's value at the start is the
 * `before` of the first write touching it, at the end the `after` of the last. Relationships that went with their
 * entity are known only if the window wrote them; the entity's delete records how many there were.
 */
export function foldAudit(entries: readonly AuditEntryLike[]): AuditChanges {
  const byTarget = new Map<string, AuditEntryLike[]>();
  for (const e of [...entries].sort((a, b) => a.seq - b.seq)) {
    const key = `${e.action.endsWith('_ENTITY') ? 'e' : 'r'}\u0000${e.target}`;
    byTarget.set(key, [...(byTarget.get(key) ?? []), e]);
  }
  const out: AuditChanges = {
    entities: { created: [], updated: [], deleted: [] },
    relationships: { created: [], updated: [], deleted: [] },
  };
  // Deleting an entity deletes its relationships without an audit entry each: a relationship written in the window
  // is gone at the end when one of its ends was deleted after its last write.
  const entityDeletes = new Map<string, number>();
  for (const e of entries) if (e.action === 'DELETE_ENTITY') entityDeletes.set(e.target, Math.max(e.seq, entityDeletes.get(e.target) ?? 0));
  const endDeletedAfter = (target: string, seq: number) =>
    target
      .split('|')
      .filter((_, i) => i !== 1)
      .some((id) => (entityDeletes.get(id) ?? 0) > seq);
  for (const [key, list] of byTarget) {
    const first = list[0];
    const last = list[list.length - 1];
    const isEntity = key.startsWith('e');
    const existedBefore = !first.action.startsWith('CREATE_');
    const existsAfter = !last.action.startsWith('DELETE_') && (isEntity || !endDeletedAfter(last.target, last.seq));
    if (!existedBefore && !existsAfter) continue;
    const start = new Map<string, string | null>();
    const end = new Map<string, string | null>();
    for (const e of list) {
      for (const c of JSON.parse(e.changes) as FieldChange[]) {
        if (NOT_FIELDS.has(c.field)) continue;
        if (!start.has(c.field)) start.set(c.field, c.before);
        end.set(c.field, c.after);
      }
    }
    // A delete and re-create inside the window: fields the new entity lacks are gone at the end.
    const fields = [...start.keys()].filter((f) => start.get(f) !== end.get(f)).sort();
    const evidenceBefore = level(start.get('evidence'));
    const evidenceAfter = level(end.get('evidence'));
    const item: AuditChangedItem = {
      target: first.target,
      kind: last.kind,
      regraded: existedBefore && existsAfter && start.has('evidence') && evidenceBefore !== evidenceAfter,
      evidenceBefore,
      evidenceAfter,
      fields,
      versions: list.map((e) => e.seq),
      at: last.at,
      actors: [...new Set(list.map((e) => e.actor))],
    };
    const set = isEntity ? out.entities : out.relationships;
    (!existedBefore ? set.created : !existsAfter ? set.deleted : set.updated).push(item);
  }
  for (const set of [out.entities, out.relationships]) for (const list of Object.values(set)) list.sort(cmp);
  return out;
}

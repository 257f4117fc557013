import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, YAMLParseError } from 'yaml';
import {
  COMMON_FIELDS,
  EVIDENCE_LEVELS,
  KIND_BY_NAME,
  type EdgePropSpec,
  type EdgeSpec,
  type FieldSpec,
  type KindSpec,
  type Label,
  PROFILE_FIELDS,
  SLUG,
} from './kinds.js';
import { compileMappings, type MappingRow } from './mappings.js';
import type { EdgeRow, NodeRow, PropValue, SeedError } from './rows.js';

// Declared in ./rows.ts, which the mappings compiler shares without importing this module back.
export type { EdgeRow, NodeRow, PropValue, SeedError } from './rows.js';

export const SEED_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../seed');

export interface SeedGraph {
  nodes: NodeRow[];
  edges: EdgeRow[];
  /** Crosswalks to external ontologies (seed/mappings/*.sssom.tsv), stored as MAPS_TO relationships. */
  mappings: MappingRow[];
  files: string[];
}

interface Entry {
  file: string;
  kind: KindSpec;
  index: number;
  data: Record<string, unknown>;
}

function listYaml(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listYaml(p));
    else if (name.endsWith('.yaml') || name.endsWith('.yml')) out.push(p);
  }
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const isText = (spec: FieldSpec) => spec.type === 'text';

function hash(value: unknown): string {
  return createHash('sha1').update(JSON.stringify(value)).digest('hex');
}

/** Checks one field's value against its spec; the message names the field. Shared by the seed and curation. */
export function checkField(name: string, spec: FieldSpec, value: unknown): string | undefined {
  if (value === undefined || value === null) {
    return 'required' in spec && spec.required ? `missing required field "${name}"` : undefined;
  }
  switch (spec.type) {
    case 'string':
      if (typeof value !== 'string' || value.trim() === '') return `"${name}" must be a non-empty string`;
      if (spec.max && value.length > spec.max) return `"${name}" is longer than ${spec.max} characters`;
      return;
    case 'text':
      if (typeof value !== 'string' && typeof value !== 'number') return `"${name}" must be a string`;
      if (String(value).length > spec.max) return `"${name}" is longer than ${spec.max} characters`;
      return;
    case 'int':
      if (!Number.isInteger(value)) return `"${name}" must be an integer`;
      if (spec.min !== undefined && (value as number) < spec.min) return `"${name}" must be at least ${spec.min}`;
      if (spec.max !== undefined && (value as number) > spec.max) return `"${name}" must be at most ${spec.max}`;
      return;
    case 'bool':
      return typeof value === 'boolean' ? undefined : `"${name}" must be true or false`;
    case 'strings':
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.trim() === '')) return `"${name}" must be a list of strings`;
      if (spec.required && value.length === 0) return `"${name}" must not be empty`;
      return;
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value)
        ? undefined
        : `"${name}" must be one of ${spec.values.join(', ')} (got ${JSON.stringify(value)})`;
    case 'enums':
      if (!Array.isArray(value) || value.length === 0) return `"${name}" must be a non-empty list`;
      for (const v of value) if (!spec.values.includes(v)) return `"${name}" has ${JSON.stringify(v)}; allowed: ${spec.values.join(', ')}`;
      return;
    case 'effectSizes':
      if (!Array.isArray(value)) return `"${name}" must be a list`;
      for (const [i, es] of value.entries()) {
        if (!isObject(es)) return `${name}[${i}] must be a mapping`;
        if (!['r', 'd', 'g', 'OR'].includes(String(es.metric))) return `${name}[${i}].metric must be r, d, g or OR`;
        if (typeof es.value !== 'number') return `${name}[${i}].value must be a number`;
        if (typeof es.source !== 'string') return `${name}[${i}].source must be a source key`;
        if (typeof es.outcome !== 'string') return `${name}[${i}].outcome must describe what was measured`;
        if (es.evidence !== undefined && !EVIDENCE_LEVELS.includes(es.evidence as never)) return `${name}[${i}].evidence is not a known level`;
        const allowed = ['metric', 'value', 'ciLow', 'ciHigh', 'studies', 'clients', 'outcome', 'source', 'evidence', 'note'];
        const extra = Object.keys(es).filter((k) => !allowed.includes(k));
        if (extra.length) return `${name}[${i}] has unknown field(s) ${extra.join(', ')}`;
      }
      return;
    case 'profile':
      if (!isObject(value) || !PROFILE_FIELDS.includes(value.field as never) || !Array.isArray(value.values) || value.values.length === 0) {
        return `"${name}" must be { field: <ClientProfileInput field>, values: [..] }`;
      }
      return;
  }
}

/** The fields an entry of this kind has: a source has its key and bibliographic fields, others the common ones too. */
export function entityFieldSpecs(kind: KindSpec): Record<string, FieldSpec> {
  return kind.label === 'Source' ? { id: COMMON_FIELDS.id, ...kind.fields } : { ...COMMON_FIELDS, ...kind.fields };
}

/** A field of an entry and what is wrong with it. */
export interface FieldProblem {
  field: string;
  problem: string;
}

/**
 * Every field rule of one entry (required, types, enums, lengths, kebab-case id), in field order. `data` uses the
 * seed's field names (a source's key is `id` here). The seed compiler and the curation mutations both call this,
 * so an entry the API accepts is one the seed files would accept, field for field.
 */
export function checkEntityData(kind: KindSpec, data: Record<string, unknown>): FieldProblem[] {
  const isSource = kind.label === 'Source';
  const problems: FieldProblem[] = [];
  for (const [name, spec] of Object.entries(entityFieldSpecs(kind))) {
    const problem = checkField(name === 'id' && isSource ? 'key' : name, spec, data[name]);
    if (problem) problems.push({ field: name, problem });
  }
  if (typeof data.id === 'string' && !SLUG.test(data.id)) problems.push({ field: 'id', problem: `id "${data.id}" is not a kebab-case slug` });
  return problems;
}

/** The Neo4j properties of a valid entry: effect sizes as JSON text, a profile condition split in two, alias text for search. */
export function entityProps(kind: KindSpec, data: Record<string, unknown>): Record<string, PropValue> {
  const props: Record<string, PropValue> = { id: String(data.id) };
  const specs = entityFieldSpecs(kind);
  for (const name of Object.keys(specs)) {
    const v = data[name];
    if (v === undefined || v === null) continue;
    if (name === 'effectSizes') props.effectSizes = JSON.stringify(v);
    else if (name === 'profile' && isObject(v)) {
      props.profileField = String(v.field);
      props.profileValues = (v.values as unknown[]).map(String);
    } else if (isText(specs[name])) props[name] = String(v);
    else props[name] = v as PropValue;
  }
  if (kind.label === 'Source') props.name = String(data.title ?? data.id);
  if (Array.isArray(props.aliases)) props.aliasText = (props.aliases as string[]).join(' | ');
  return props;
}

/** The inverse of entityProps: an entry's fields as stored, so an update can be validated as a whole entry. */
export function entityData(kind: KindSpec, props: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const name of Object.keys(entityFieldSpecs(kind))) {
    if (name === 'effectSizes' && typeof props.effectSizes === 'string') data.effectSizes = JSON.parse(props.effectSizes);
    else if (name === 'profile' && props.profileField !== undefined) data.profile = { field: props.profileField, values: props.profileValues };
    else if (props[name] !== undefined && props[name] !== null) data[name] = props[name];
  }
  return data;
}

/** Longest free-text property (reason, role, reframing) a relationship may carry. */
export const EDGE_TEXT_MAX = 1000;

/** Checks one relationship property against its spec (required, non-empty, bounded, allowed values). */
export function checkEdgeProp(p: EdgePropSpec, value: unknown): string | undefined {
  if (value === undefined || value === null) return p.required ? `is missing "${p.name}"` : undefined;
  if (typeof value !== 'string' || value.trim() === '') return `.${p.name} must be a non-empty string`;
  if (value.length > EDGE_TEXT_MAX) return `.${p.name} is longer than ${EDGE_TEXT_MAX} characters`;
  if (p.values && !p.values.includes(value)) return `.${p.name} must be one of ${p.values.join(', ')}`;
  return undefined;
}

/** The relationship spec a (from)-[:type]->(to) relationship matches, from either end's declaration. */
export function edgeSpecFor(type: string, fromLabel: Label, toLabel: Label): EdgeSpec | undefined {
  for (const kind of KIND_BY_NAME.values()) {
    for (const spec of kind.edges) {
      if (spec.type !== type) continue;
      const [from, to] = spec.direction === 'out' ? [kind.label, spec.target] : [spec.target, kind.label];
      if (from === fromLabel && to === toLabel) return spec;
    }
  }
  return undefined;
}

/**
 * Relationships another one implies, written and removed with it. A technique's origin models use it too: one
 * place to declare, both questions answered.
 */
export function impliedEdge(type: string, from: string, to: string): { from: string; to: string; type: string; props: Record<string, PropValue> } | undefined {
  return type === 'ORIGINATES_IN' ? { from: to, to: from, type: 'USES', props: { origin: true } } : undefined;
}

interface EdgeItem {
  id: string;
  sources: string[];
  evidence: string;
  props: Record<string, string>;
}

/** Reads one edge list: items are bare ids (inheriting the entry's citation) or objects. */
function edgeItems(entry: Entry, spec: EdgeSpec, errors: SeedError[], where: string): EdgeItem[] {
  const raw = entry.data[spec.field];
  if (raw === undefined || raw === null) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  const items: EdgeItem[] = [];
  const inherited = { sources: entry.data.sources as string[], evidence: entry.data.evidence as string };
  for (const [i, item] of list.entries()) {
    const at = `${spec.field}[${i}]`;
    if (typeof item === 'string') {
      for (const p of spec.props ?? []) {
        if (p.required) errors.push({ file: entry.file, entry: where, problem: `${at} needs the object form with "${p.name}"` });
      }
      items.push({ id: item, ...inherited, props: {} });
      continue;
    }
    if (!isObject(item) || typeof item.id !== 'string') {
      errors.push({ file: entry.file, entry: where, problem: `${at} must be an id or { id: ..., ... }` });
      continue;
    }
    const props: Record<string, string> = {};
    const allowed = new Set(['id', 'sources', 'evidence', ...(spec.props ?? []).map((p) => p.name)]);
    for (const k of Object.keys(item)) if (!allowed.has(k)) errors.push({ file: entry.file, entry: where, problem: `${at} has unknown field "${k}"` });
    for (const p of spec.props ?? []) {
      const v = item[p.name];
      const problem = checkEdgeProp(p, v);
      if (problem) errors.push({ file: entry.file, entry: where, problem: problem.startsWith('.') ? `${at}${problem}` : `${at} ${problem}` });
      else if (v !== undefined && v !== null) props[p.name] = v as string;
    }
    const sources = item.sources === undefined ? inherited.sources : item.sources;
    const evidence = item.evidence === undefined ? inherited.evidence : item.evidence;
    const sErr = checkField('sources', { type: 'strings', required: true }, sources);
    if (sErr) errors.push({ file: entry.file, entry: where, problem: `${at}: ${sErr}` });
    const eErr = checkField('evidence', COMMON_FIELDS.evidence, evidence);
    if (eErr) errors.push({ file: entry.file, entry: where, problem: `${at}: ${eErr}` });
    items.push({ id: item.id, sources: (sources as string[]) ?? [], evidence: String(evidence), props });
  }
  return items;
}

/**
 * Reads and validates every seed file, and compiles it into the node and edge rows the loader writes.
 * Needs no database; `errors` empty means the files are consistent.
 */
export function compileSeed(dir = SEED_DIR): { graph: SeedGraph; errors: SeedError[] } {
  const errors: SeedError[] = [];
  const entries: Entry[] = [];
  const files = listYaml(dir);
  for (const path of files) {
    const file = relative(process.cwd(), path);
    let doc: unknown;
    try {
      doc = parse(readFileSync(path, 'utf8'));
    } catch (err) {
      const problem = err instanceof YAMLParseError ? `YAML: ${err.message.split('\n')[0]}` : String(err);
      errors.push({ file, entry: '-', problem });
      continue;
    }
    if (doc === null || doc === undefined) continue;
    if (!isObject(doc)) {
      errors.push({ file, entry: '-', problem: 'the file must be a mapping from kinds (models, techniques, ...) to lists' });
      continue;
    }
    for (const [kindName, list] of Object.entries(doc)) {
      const kind = KIND_BY_NAME.get(kindName);
      if (!kind) {
        errors.push({ file, entry: kindName, problem: `unknown kind "${kindName}"; known: ${[...KIND_BY_NAME.keys()].join(', ')}` });
        continue;
      }
      if (!Array.isArray(list)) {
        errors.push({ file, entry: kindName, problem: 'must be a list of entries' });
        continue;
      }
      list.forEach((data, index) => {
        if (!isObject(data)) errors.push({ file, entry: `${kindName}[${index}]`, problem: 'must be a mapping' });
        else entries.push({ file, kind, index, data });
      });
    }
  }

  // Pass 1: nodes, fields and ids.
  const labelOf = new Map<string, Label>();
  const nodes: NodeRow[] = [];
  const whereOf = (e: Entry) => `${e.kind.kind}[${e.index}] ${String(e.data.id ?? e.data.key ?? '?')}`;
  for (const e of entries) {
    const isSource = e.kind.label === 'Source';
    const data = isSource ? { ...e.data, id: e.data.key } : e.data;
    const where = whereOf(e);
    const fields = entityFieldSpecs(e.kind);
    const known = new Set([...Object.keys(fields), ...e.kind.edges.map((s) => s.field), ...(isSource ? ['key'] : [])]);
    for (const k of Object.keys(e.data)) if (!known.has(k)) errors.push({ file: e.file, entry: where, problem: `unknown field "${k}"` });
    for (const { problem } of checkEntityData(e.kind, data)) errors.push({ file: e.file, entry: where, problem });
    const id = data.id;
    if (typeof id !== 'string') continue;
    if (labelOf.has(id)) {
      errors.push({ file: e.file, entry: where, problem: `duplicate id "${id}" (already a ${labelOf.get(id)})` });
      continue;
    }
    labelOf.set(id, e.kind.label);
    const props = entityProps(e.kind, data);
    props.seeded = true;
    nodes.push({ id, label: e.kind.label, props, hash: '' });
  }

  // Pass 2: references (sources, edges) resolve, and compile edges.
  const cited = new Set<string>();
  const edgeKeys = new Set<string>();
  const edges: EdgeRow[] = [];
  const touched = new Set<string>();
  const checkSources = (e: Entry, where: string, keys: unknown, at: string) => {
    if (!Array.isArray(keys)) return;
    for (const k of keys) {
      cited.add(String(k));
      if (labelOf.get(String(k)) !== 'Source') errors.push({ file: e.file, entry: where, problem: `${at} cites unknown source "${k}"` });
    }
  };
  const addEdge = (from: string, to: string, type: string, props: Record<string, PropValue>) => {
    const key = `${from}|${type}|${to}`;
    if (edgeKeys.has(key)) return; // declared twice (e.g. both sides): the first declaration wins
    edgeKeys.add(key);
    touched.add(from).add(to);
    edges.push({ from, to, type, props: { ...props, seeded: true }, hash: '' });
  };
  for (const e of entries) {
    if (e.kind.label === 'Source') continue;
    const where = whereOf(e);
    const id = String(e.data.id);
    checkSources(e, where, e.data.sources, 'sources');
    if (e.kind.fields.effectSizes && Array.isArray(e.data.effectSizes)) {
      e.data.effectSizes.forEach((es, i) => isObject(es) && checkSources(e, where, [es.source], `effectSizes[${i}]`));
    }
    for (const spec of e.kind.edges) {
      for (const item of edgeItems(e, spec, errors, where)) {
        const at = `${spec.field} → ${item.id}`;
        checkSources(e, where, item.sources, at);
        const targetLabel = labelOf.get(item.id);
        if (!targetLabel) {
          errors.push({ file: e.file, entry: where, problem: `${spec.field} refers to unknown ${spec.target} "${item.id}"` });
          continue;
        }
        if (targetLabel !== spec.target) {
          errors.push({ file: e.file, entry: where, problem: `${spec.field} expects a ${spec.target}, but "${item.id}" is a ${targetLabel}` });
          continue;
        }
        if (item.id === id) {
          errors.push({ file: e.file, entry: where, problem: `${spec.field} refers to the entry itself` });
          continue;
        }
        const [from, to] = spec.direction === 'out' ? [id, item.id] : [item.id, id];
        addEdge(from, to, spec.type, { ...item.props, sources: item.sources, evidence: item.evidence });
        const implied = impliedEdge(spec.type, from, to);
        if (implied) addEdge(implied.from, implied.to, implied.type, { sources: item.sources, evidence: item.evidence, ...implied.props });
      }
    }
    if (e.kind.label === 'Technique') {
      if (!e.data.modalities) errors.push({ file: e.file, entry: where, problem: 'a technique must target at least one modality' });
      if (!e.data.mechanisms) errors.push({ file: e.file, entry: where, problem: 'a technique must act through at least one mechanism' });
      if (!e.data.phases && !e.data.phaseNote)
        errors.push({ file: e.file, entry: where, problem: 'a technique needs "phases" or a "phaseNote" saying why none' });
      if (!e.data.originatesIn) errors.push({ file: e.file, entry: where, problem: 'a technique must name the model(s) it originates in' });
    }
    if (e.kind.label === 'Tenet' && !e.data.heldBy) errors.push({ file: e.file, entry: where, problem: 'a tenet must be held by at least one model' });
    if (e.kind.label === 'Tenet' && (e.data.excludesDirectiveness || e.data.excludesStructure)) {
      if (e.data.kind !== 'STANCE') errors.push({ file: e.file, entry: where, problem: 'only a STANCE tenet can exclude technique attributes' });
      if (!e.data.stanceReason) errors.push({ file: e.file, entry: where, problem: 'a tenet that excludes technique attributes needs a "stanceReason"' });
    }
  }
  // Crosswalks cite sources too, but add no edge between entries (they do not save an entry from being an orphan).
  const crosswalks = compileMappings(dir, nodes);
  errors.push(...crosswalks.errors);
  for (const key of crosswalks.cited) cited.add(key);
  const byId = new Map(entries.map((e) => [String(e.kind.label === 'Source' ? e.data.key : e.data.id), e]));
  // What a technique is for is part of knowing it: every technique addresses at least one clinical target.
  const addressing = new Set(edges.filter((r) => r.type === 'ADDRESSES').map((r) => r.from));
  for (const n of nodes) {
    if (n.label === 'Technique' && !addressing.has(n.id))
      errors.push({
        file: byId.get(n.id)!.file,
        entry: whereOf(byId.get(n.id)!),
        problem: 'a technique must address at least one target (targets: addressedBy)',
      });
  }
  for (const n of nodes) {
    const e = byId.get(n.id)!;
    if (n.label === 'Source' ? !cited.has(n.id) : !touched.has(n.id)) {
      errors.push({ file: e.file, entry: whereOf(e), problem: n.label === 'Source' ? 'source is never cited' : 'orphan: no relationship to any other entry' });
    }
  }
  for (const n of nodes) n.hash = hash([n.label, n.props]);
  for (const r of edges) r.hash = hash(r.props);
  return { graph: { nodes, edges, mappings: crosswalks.rows, files: [...files, ...crosswalks.files].map((f) => relative(process.cwd(), f)) }, errors };
}

export function formatErrors(errors: SeedError[]): string {
  return errors.map((e) => `${e.file}: ${e.entry}: ${e.problem}`).join('\n');
}

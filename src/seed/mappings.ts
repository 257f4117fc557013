import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, YAMLParseError } from 'yaml';
import type { NodeRow, PropValue, SeedError } from './rows.js';
import { CROSSWALK_ONTOLOGIES, MAPPING_JUSTIFICATIONS, MAPPING_PREDICATES, SLUG } from './kinds.js';

/**
 * The crosswalks in seed/mappings/*.sssom.tsv: SSSOM/TSV files (a YAML metadata block on `#` lines, then a
 * tab-separated table with one mapping per row) from ipkg entries to classes of external ontologies. Read and
 * checked here without a database; the loader stores each row as (entry)-[:MAPS_TO]->(:ExternalTerm).
 */

export const MAPPINGS_DIR = 'mappings';
export const SSSOM_SUFFIX = '.sssom.tsv';

/** Columns every mapping file must have (SSSOM slot names). */
export const REQUIRED_COLUMNS = [
  'subject_id',
  'subject_label',
  'predicate_id',
  'object_id',
  'object_label',
  'mapping_justification',
  'confidence',
  'comment',
] as const;
/** Mapping-set metadata every file must declare; `ipkg_*` are extension slots, declared in `extension_definitions`. */
export const REQUIRED_METADATA = [
  'curie_map',
  'mapping_set_id',
  'license',
  'creator_label',
  'extension_definitions',
  'ipkg_object_ontology',
  'ipkg_sources',
] as const;
const EXTENSIONS = ['ipkg_object_ontology', 'ipkg_sources'];

export interface SssomTable {
  metadata: Record<string, unknown>;
  columns: string[];
  /** Data rows keyed by column, with their 1-based line number in the file. */
  rows: Array<{ line: number; cells: Record<string, string> }>;
}

export class SssomSyntaxError extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Splits an SSSOM/TSV text into its metadata block and its table. Throws SssomSyntaxError when it is not one. */
export function readSssom(text: string): SssomTable {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let i = 0;
  const block: string[] = [];
  for (; i < lines.length && lines[i].startsWith('#'); i++) block.push(lines[i].slice(1));
  let metadata: unknown;
  try {
    metadata = parse(block.join('\n'));
  } catch (err) {
    throw new SssomSyntaxError(`metadata block is not YAML: ${err instanceof YAMLParseError ? err.message.split('\n')[0] : String(err)}`);
  }
  if (!isObject(metadata)) throw new SssomSyntaxError('the `#` metadata block must be a YAML mapping');
  if (i >= lines.length || lines[i].trim() === '') throw new SssomSyntaxError('no header row after the metadata block');
  const columns = lines[i].split('\t');
  const rows: SssomTable['rows'] = [];
  for (let j = i + 1; j < lines.length; j++) {
    if (lines[j] === '') continue;
    const cells = lines[j].split('\t');
    if (cells.length !== columns.length) throw new SssomSyntaxError(`line ${j + 1} has ${cells.length} fields, the header ${columns.length}`);
    rows.push({ line: j + 1, cells: Object.fromEntries(columns.map((c, k) => [c, cells[k]])) });
  }
  return { metadata, columns, rows };
}

/** One stored mapping: the MAPS_TO relationship's properties and the external class it points to. */
export interface MappingRow {
  subject: string;
  objectId: string;
  props: Record<string, PropValue>;
  term: { id: string; iri: string; label: string; ontology: string };
  hash: string;
}

export interface CompiledMappings {
  rows: MappingRow[];
  errors: SeedError[];
  /** Source keys the mapping sets cite (they count as cited for the "every source is cited" rule). */
  cited: string[];
  files: string[];
}

const CURIE = /^([A-Za-z][A-Za-z0-9_.-]*):(\S+)$/;

function listSssom(dir: string): string[] {
  const folder = join(dir, MAPPINGS_DIR);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((f) => f.endsWith(SSSOM_SUFFIX))
    .sort()
    .map((f) => join(folder, f));
}

/**
 * Reads and checks every mapping file below `dir`: the SSSOM structure, the predicates and justifications allowed,
 * confidences in [0, 1], subjects that are seed entries of the kind the target ontology maps (with their seed
 * name as label), CURIEs that expand through the file's curie_map, and each (subject, object) pair once.
 * That the objects exist in the external ontology is checked by the unit test against the shared BCIO tables.
 */
export function compileMappings(dir: string, nodes: readonly NodeRow[]): CompiledMappings {
  const errors: SeedError[] = [];
  const rows: MappingRow[] = [];
  const cited = new Set<string>();
  const entries = new Map(nodes.map((n) => [n.id, n]));
  const pairs = new Set<string>();
  const labels = new Map<string, string>();
  const files = listSssom(dir);
  for (const path of files) {
    const file = relative(process.cwd(), path);
    const fail = (entry: string, problem: string) => errors.push({ file, entry, problem });
    let table: SssomTable;
    try {
      table = readSssom(readFileSync(path, 'utf8'));
    } catch (err) {
      fail('-', err instanceof SssomSyntaxError ? err.message : String(err));
      continue;
    }
    const meta = table.metadata;
    const missingMeta = REQUIRED_METADATA.filter((k) => meta[k] === undefined || meta[k] === null || meta[k] === '');
    for (const k of missingMeta) fail('metadata', `missing "${k}"`);
    const missingCols = REQUIRED_COLUMNS.filter((c) => !table.columns.includes(c));
    for (const c of missingCols) fail('header', `missing column "${c}"`);
    if (missingMeta.length || missingCols.length) continue;

    const curies = isObject(meta.curie_map) ? (meta.curie_map as Record<string, unknown>) : {};
    const declared = Array.isArray(meta.extension_definitions) ? meta.extension_definitions.map((d) => (isObject(d) ? d.slot_name : undefined)) : [];
    for (const ext of EXTENSIONS) if (!declared.includes(ext)) fail('metadata', `extension slot "${ext}" is not declared in extension_definitions`);
    const ontology = String(meta.ipkg_object_ontology);
    const target = CROSSWALK_ONTOLOGIES[ontology];
    if (!target) {
      fail('metadata', `ipkg_object_ontology "${ontology}" is not one of ${Object.keys(CROSSWALK_ONTOLOGIES).join(', ')}`);
      continue;
    }
    const sources = String(meta.ipkg_sources).split(/\s+/).filter(Boolean);
    for (const key of sources) {
      cited.add(key);
      if (entries.get(key)?.label !== 'Source') fail('metadata', `ipkg_sources cites unknown source "${key}"`);
    }
    const expand = (curie: string): string | undefined => {
      const m = CURIE.exec(curie);
      const base = m ? curies[m[1]] : undefined;
      return m && typeof base === 'string' ? base + m[2] : undefined;
    };

    for (const { line, cells } of table.rows) {
      const where = `line ${line} ${cells.subject_id} → ${cells.object_id}`;
      const problems: string[] = [];
      const subjectMatch = /^ipkg:(.+)$/.exec(cells.subject_id);
      const subject = subjectMatch?.[1] ?? '';
      const entry = entries.get(subject);
      if (!subjectMatch || !SLUG.test(subject)) problems.push(`subject_id "${cells.subject_id}" is not an ipkg:<id> CURIE`);
      else if (!entry) problems.push(`subject "${subject}" is not a seed entry`);
      else if (entry.label !== target.label) problems.push(`subject "${subject}" is a ${entry.label}; ${ontology} mappings map ${target.label} entries`);
      else if (cells.subject_label !== entry.props.name)
        problems.push(`subject_label "${cells.subject_label}" is not the entry's name "${String(entry.props.name)}"`);
      if (!expand(cells.subject_id)) problems.push('the ipkg prefix is not in curie_map');
      if (!(MAPPING_PREDICATES as readonly string[]).includes(cells.predicate_id))
        problems.push(`predicate_id "${cells.predicate_id}" is not one of ${MAPPING_PREDICATES.join(', ')}`);
      if (!(MAPPING_JUSTIFICATIONS as readonly string[]).includes(cells.mapping_justification))
        problems.push(`mapping_justification "${cells.mapping_justification}" is not one of ${MAPPING_JUSTIFICATIONS.join(', ')}`);
      const confidence = Number(cells.confidence);
      if (cells.confidence.trim() === '' || !Number.isFinite(confidence) || confidence < 0 || confidence > 1)
        problems.push(`confidence "${cells.confidence}" is not a number in [0, 1]`);
      const iri = expand(cells.object_id);
      if (!/^BCIO:\d{6}$/.test(cells.object_id)) problems.push(`object_id "${cells.object_id}" is not a BCIO:<6 digits> CURIE`);
      else if (!iri) problems.push('the BCIO prefix is not in curie_map');
      if (cells.object_label.trim() === '') problems.push('object_label is empty');
      if (cells.comment.trim() === '') problems.push('comment (the justification) is empty');
      const pair = `${subject}|${cells.object_id}`;
      if (pairs.has(pair)) problems.push('this subject is mapped to this object twice');
      pairs.add(pair);
      const known = labels.get(cells.object_id);
      if (known !== undefined && known !== cells.object_label) problems.push(`object_label "${cells.object_label}" differs from "${known}" elsewhere`);
      labels.set(cells.object_id, cells.object_label);
      if (problems.length) {
        for (const p of problems) fail(where, p);
        continue;
      }
      const props: Record<string, PropValue> = {
        predicate: cells.predicate_id,
        confidence,
        justification: cells.mapping_justification,
        comment: cells.comment,
        mappingSet: String(meta.mapping_set_id),
        sources,
        // A crosswalk is the curators' reading of two definitions, with the ontology's paper as closest source.
        evidence: 'EXPERT_OPINION',
        seeded: true,
      };
      if (cells.author_label) props.author = cells.author_label;
      const term = { id: cells.object_id, iri: iri!, label: cells.object_label, ontology };
      rows.push({
        subject,
        objectId: cells.object_id,
        props,
        term,
        hash: createHash('sha1')
          .update(JSON.stringify([props, term]))
          .digest('hex'),
      });
    }
  }
  return { rows, errors, cited: [...cited], files };
}

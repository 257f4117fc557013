import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_BASE_IRI } from '../export/graph.js';
import { compileSeed, type NodeRow, SEED_DIR } from './compile.js';
import { CROSSWALK_ONTOLOGIES, MAPPING_JUSTIFICATIONS, MAPPING_PREDICATES } from './kinds.js';
import { compileMappings, REQUIRED_COLUMNS } from './mappings.js';

/**
 * The crosswalks in seed/mappings/*.sssom.tsv, read here with a reader of its own (not the loader's), checked as
 * SSSOM/TSV and against the verified BCIO class tables kept beside the seed (seed/external/bcio, CC BY 4.0).
 */

const MAPPINGS = join(SEED_DIR, 'mappings');
const BCIO_DIR = join(SEED_DIR, 'external', 'bcio');
const TABLE_FILES: Record<string, string> = { BCTO: 'bcto-classes.tsv', MoA: 'moa-classes.tsv' };
const CC_BY = 'https://creativecommons.org/licenses/by/4.0/';

interface SssomFile {
  name: string;
  metadata: Record<string, any>;
  header: string[];
  rows: Array<Record<string, string>>;
  widths: number[];
}

function readFile(name: string): SssomFile {
  const lines = readFileSync(join(MAPPINGS, name), 'utf8').split('\n');
  const meta = lines.filter((l) => l.startsWith('#')).map((l) => l.slice(1));
  const table = lines.filter((l) => !l.startsWith('#') && l !== '');
  const header = table[0].split('\t');
  const cells = table.slice(1).map((l) => l.split('\t'));
  return {
    name,
    metadata: parse(meta.join('\n')),
    header,
    widths: cells.map((c) => c.length),
    rows: cells.map((c) => Object.fromEntries(header.map((h, i) => [h, c[i]]))),
  };
}

interface BcioClass {
  label: string;
  crossReference: string;
  status: string;
}

function readTable(ontology: string): Map<string, BcioClass> {
  const [head, ...lines] = readFileSync(join(BCIO_DIR, TABLE_FILES[ontology]), 'utf8').split('\n').filter(Boolean);
  const col = (name: string) => head.split('\t').indexOf(name);
  const [id, label, xref, status] = [col('ID'), col('Label'), col('Cross-reference'), col('Curation status')];
  return new Map(lines.map((l) => l.split('\t')).map((c) => [c[id], { label: c[label].trim(), crossReference: c[xref].trim(), status: c[status].trim() }]));
}

const files = readdirSync(MAPPINGS)
  .filter((f) => f.endsWith('.sssom.tsv'))
  .sort()
  .map(readFile);

describe('crosswalk files (seed/mappings/*.sssom.tsv)', () => {
  it('exist: one to the BCTO, one to the MoA ontology', () => {
    expect(files.map((f) => f.metadata.ipkg_object_ontology).sort()).toEqual(['BCTO', 'MoA']);
  });

  it.each(files.map((f) => [f.name, f] as const))('%s parses as SSSOM/TSV with its metadata block', (_name, f) => {
    const m = f.metadata;
    expect(m.curie_map).toMatchObject({
      BCIO: 'http://humanbehaviourchange.org/ontology/BCIO_',
      ipkg: `${DEFAULT_BASE_IRI}id/`,
      skos: 'http://www.w3.org/2004/02/skos/core#',
      semapv: 'https://w3id.org/semapv/vocab/',
    });
    expect(m.mapping_set_id).toBe(`${DEFAULT_BASE_IRI}mappings/${f.name}`);
    expect(m.license).toBe(CC_BY);
    expect(m.creator_label.length).toBeGreaterThan(0);
    // The BCIO's own licence asks for attribution; the set says whose identifiers and labels it uses.
    expect(m.comment).toContain('Human Behaviour-Change Project');
    expect(m.comment).toContain('CC BY 4.0');
    expect(m.extension_definitions.map((d: { slot_name: string }) => d.slot_name).sort()).toEqual(['ipkg_object_ontology', 'ipkg_sources']);
    expect(Object.keys(CROSSWALK_ONTOLOGIES)).toContain(m.ipkg_object_ontology);
    for (const c of REQUIRED_COLUMNS) expect(f.header).toContain(c);
    expect(f.rows.length).toBeGreaterThan(0);
    for (const w of f.widths) expect(w).toBe(f.header.length);
    const prefixes = new Set(Object.keys(m.curie_map));
    for (const r of f.rows) {
      const at = `${f.name}: ${r.subject_id} -> ${r.object_id}`;
      expect(MAPPING_PREDICATES as readonly string[], at).toContain(r.predicate_id);
      expect(MAPPING_JUSTIFICATIONS as readonly string[], at).toContain(r.mapping_justification);
      const confidence = Number(r.confidence);
      expect(r.confidence, at).toMatch(/^(0(\.\d+)?|1(\.0+)?)$/);
      expect(confidence >= 0 && confidence <= 1, at).toBe(true);
      for (const curie of [r.subject_id, r.predicate_id, r.object_id, r.mapping_justification])
        expect(prefixes.has(curie.split(':')[0]), `${at}: ${curie}`).toBe(true);
      expect(r.comment.trim().length, at).toBeGreaterThan(20);
    }
  });

  it('maps every object to a live class of the BCIO tables, with its label and BCTTv1 code', () => {
    for (const f of files) {
      const table = readTable(f.metadata.ipkg_object_ontology);
      for (const r of f.rows) {
        const at = `${f.name}: ${r.subject_id} -> ${r.object_id}`;
        const cls = table.get(r.object_id);
        expect(cls, `${at}: not in ${TABLE_FILES[f.metadata.ipkg_object_ontology]}`).toBeDefined();
        expect(cls!.status, at).not.toBe('Obsolete');
        expect(r.object_label, at).toBe(cls!.label);
        for (const code of cls!.crossReference.match(/BCT\d+\.\d+/g) ?? []) expect(r.comment, `${at}: comment should name ${code}`).toContain(code);
      }
    }
  });

  it('maps only seed entries of the kind each ontology covers, named as in the seed, each pair once', () => {
    const { graph, errors } = compileSeed();
    expect(errors.filter((e) => e.file.includes('mappings'))).toEqual([]);
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    const pairs = new Set<string>();
    for (const f of files) {
      const label = CROSSWALK_ONTOLOGIES[f.metadata.ipkg_object_ontology].label;
      for (const r of f.rows) {
        const id = r.subject_id.replace(/^ipkg:/, '');
        expect(byId.get(id)?.label, `${f.name}: ${id}`).toBe(label);
        expect(r.subject_label).toBe(byId.get(id)!.props.name);
        const pair = `${id}|${r.object_id}`;
        expect(pairs.has(pair), pair).toBe(false);
        pairs.add(pair);
      }
    }
    // The loader gets exactly the rows of the files, each citing the ontology's paper.
    expect(graph.mappings.length).toBe(files.reduce((n, f) => n + f.rows.length, 0));
    for (const m of graph.mappings) for (const key of m.props.sources as string[]) expect(byId.get(key)?.label).toBe('Source');
  });
});

describe('compileMappings', () => {
  const nodes: NodeRow[] = [
    { id: 'graded-task-assignment', label: 'Technique', props: { id: 'graded-task-assignment', name: 'Graded task assignment' }, hash: '' },
    { id: 'self-monitoring', label: 'Mechanism', props: { id: 'self-monitoring', name: 'Self-monitoring' }, hash: '' },
    { id: 'marques-2023', label: 'Source', props: { id: 'marques-2023', name: 'BCTO' }, hash: '' },
  ];
  const META = [
    'curie_map:',
    '  BCIO: http://humanbehaviourchange.org/ontology/BCIO_',
    '  ipkg: https://w3id.org/ipkg/id/',
    '  semapv: https://w3id.org/semapv/vocab/',
    '  skos: http://www.w3.org/2004/02/skos/core#',
    'mapping_set_id: https://w3id.org/ipkg/mappings/test.sssom.tsv',
    `license: ${CC_BY}`,
    'creator_label: [tester]',
    'extension_definitions: [{ slot_name: ipkg_object_ontology }, { slot_name: ipkg_sources }]',
    'ipkg_object_ontology: BCTO',
    'ipkg_sources: marques-2023',
  ];
  const HEADER = 'subject_id\tsubject_label\tpredicate_id\tobject_id\tobject_label\tmapping_justification\tconfidence\tcomment';
  const ok =
    'ipkg:graded-task-assignment\tGraded task assignment\tskos:exactMatch\tBCIO:007100\tset graded tasks BCT\tsemapv:ManualMappingCuration\t0.9\tBoth grade tasks. BCTTv1: BCT8.7.';

  function problems(body: string[], meta = META): string[] {
    const dir = mkdtempSync(join(tmpdir(), 'ipkg-sssom-'));
    mkdirSync(join(dir, 'mappings'));
    writeFileSync(join(dir, 'mappings', 'test.sssom.tsv'), [...meta.map((l) => `#${l}`), ...body, ''].join('\n'));
    return compileMappings(dir, nodes).errors.map((e) => e.problem);
  }

  it('accepts a valid row and expands its CURIEs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipkg-sssom-'));
    mkdirSync(join(dir, 'mappings'));
    writeFileSync(join(dir, 'mappings', 'test.sssom.tsv'), [...META.map((l) => `#${l}`), HEADER, ok, ''].join('\n'));
    const { rows, errors, cited } = compileMappings(dir, nodes);
    expect(errors).toEqual([]);
    expect(cited).toEqual(['marques-2023']);
    expect(rows[0]).toMatchObject({
      subject: 'graded-task-assignment',
      objectId: 'BCIO:007100',
      term: { iri: 'http://humanbehaviourchange.org/ontology/BCIO_007100', label: 'set graded tasks BCT', ontology: 'BCTO' },
      props: { predicate: 'skos:exactMatch', confidence: 0.9, sources: ['marques-2023'], evidence: 'EXPERT_OPINION' },
    });
  });

  it('rejects what SSSOM or the crosswalk rules do not allow', () => {
    const bad = (cells: Partial<Record<number, string>>) =>
      ok
        .split('\t')
        .map((c, i) => cells[i] ?? c)
        .join('\t');
    const found = problems([
      HEADER,
      bad({ 2: 'skos:relatedMatch' }),
      bad({ 0: 'ipkg:self-monitoring', 1: 'Self-monitoring' }),
      bad({ 0: 'ipkg:no-such-technique' }),
      bad({ 6: '1.5' }),
      bad({ 5: 'semapv:LexicalMatching' }),
      bad({ 3: 'NCIT:C123' }),
      bad({ 1: 'Graded tasks' }),
    ]).join('\n');
    expect(found).toContain('predicate_id "skos:relatedMatch"');
    expect(found).toContain('is a Mechanism; BCTO mappings map Technique entries');
    expect(found).toContain('"no-such-technique" is not a seed entry');
    expect(found).toContain('confidence "1.5"');
    expect(found).toContain('mapping_justification "semapv:LexicalMatching"');
    expect(found).toContain('object_id "NCIT:C123"');
    expect(found).toContain('subject_label "Graded tasks"');
    expect(problems([HEADER, ok, ok]).join('\n')).toContain('mapped to this object twice');
    expect(problems([HEADER.replace('\tcomment', ''), ok]).join('\n')).toContain('fields, the header');
    expect(problems([HEADER.replace('\tcomment', '')], META).join('\n')).toContain('missing column "comment"');
    expect(
      problems(
        [HEADER, ok],
        META.filter((l) => !l.startsWith('license')),
      ).join('\n'),
    ).toContain('missing "license"');
    expect(problems([HEADER, ok], [...META.slice(0, -1), 'ipkg_sources: nobody-2099']).join('\n')).toContain('unknown source "nobody-2099"');
  });
});

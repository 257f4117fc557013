import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileSeed, SEED_DIR } from './compile.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function seedDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ipkg-seed-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const SOURCE = `sources:\n  - { key: beck-1979, type: BOOK, authors: ["Beck, A. T."], year: 1979, title: Cognitive therapy of depression, venue: Guilford Press }\n`;
const MODEL = `models:\n  - { id: cognitive-therapy, name: Cognitive therapy, description: d, sources: [beck-1979], evidence: THEORETICAL, kind: SCHOOL, orientation: COGNITIVE }\n`;
const MODALITY = `modalities:\n  - { id: cognition, name: Cognition, description: d, sources: [beck-1979], evidence: THEORETICAL, order: 5, letter: C }\n`;
const MECHANISM = `mechanisms:\n  - { id: cognitive-restructuring, name: CR, description: d, sources: [beck-1979], evidence: THEORETICAL }\n`;
const technique = (extra = '') =>
  `techniques:\n  - { id: thought-record, name: Thought record, description: d, sources: [beck-1979], evidence: RCT, directiveness: HIGH, structure: HIGH, intensity: LOW, focus: SKILL, formats: [INDIVIDUAL], originatesIn: [cognitive-therapy], modalities: [cognition], mechanisms: [cognitive-restructuring], phaseNote: any${extra} }\n`;

const TARGET = `targets:\n  - { id: negative-automatic-thoughts, name: NATs, description: d, sources: [beck-1979], evidence: THEORETICAL, modalities: [cognition], addressedBy: [thought-record] }\n`;

const valid = () => ({ 'sources.yaml': SOURCE, 'vocab.yaml': MODEL + MODALITY + MECHANISM + TARGET, 'techniques/t.yaml': technique() });

describe('compileSeed', () => {
  it('requires every technique to address a target', () => {
    const { errors } = compileSeed(seedDir({ ...valid(), 'vocab.yaml': MODEL + MODALITY + MECHANISM }));
    expect(errors.map((e) => e.problem)).toContain('a technique must address at least one target (targets: addressedBy)');
  });

  it('lets only STANCE tenets exclude technique attributes, with a reason', () => {
    const tenet = (kind: string, extra: string) =>
      `tenets:\n  - { id: t1, name: T, description: d, sources: [beck-1979], evidence: THEORETICAL, kind: ${kind}, heldBy: [cognitive-therapy], excludesDirectiveness: [HIGH]${extra} }\n`;
    const problems = (text: string) => compileSeed(seedDir({ ...valid(), 'tenets.yaml': text })).errors.map((e) => e.problem);
    expect(problems(tenet('CHANGE', ', stanceReason: r'))).toContain('only a STANCE tenet can exclude technique attributes');
    expect(problems(tenet('STANCE', ''))).toContain('a tenet that excludes technique attributes needs a "stanceReason"');
    expect(problems(tenet('STANCE', ', stanceReason: r'))).toEqual([]);
  });

  it('compiles a consistent set of files into nodes and cited edges', () => {
    const { graph, errors } = compileSeed(seedDir(valid()));
    expect(errors).toEqual([]);
    expect(graph.nodes.map((n) => n.id).sort()).toEqual([
      'beck-1979',
      'cognition',
      'cognitive-restructuring',
      'cognitive-therapy',
      'negative-automatic-thoughts',
      'thought-record',
    ]);
    // ORIGINATES_IN also yields the origin model's USES edge.
    expect(graph.edges.map((e) => `${e.from} ${e.type} ${e.to}`).sort()).toEqual([
      'cognitive-therapy USES thought-record',
      'negative-automatic-thoughts IN_MODALITY cognition',
      'thought-record ACTS_THROUGH cognitive-restructuring',
      'thought-record ADDRESSES negative-automatic-thoughts',
      'thought-record ORIGINATES_IN cognitive-therapy',
      'thought-record TARGETS cognition',
    ]);
    for (const e of graph.edges) expect(e.props.sources).toEqual(['beck-1979']);
  });

  it('names the file, the entry and the reason for each problem', () => {
    const dir = seedDir({ ...valid(), 'techniques/t.yaml': technique().replace('modalities: [cognition]', 'modalities: [imagery]') });
    const error = compileSeed(dir).errors.find((e) => e.problem.includes('unknown Modality "imagery"'));
    expect(error?.file).toMatch(/techniques\/t\.yaml$/);
    expect(error?.entry).toBe('techniques[0] thought-record');
  });

  it('reports YAML syntax errors with the file', () => {
    const { errors } = compileSeed(seedDir({ ...valid(), 'broken.yaml': 'models: [ { id: x\n' }));
    expect(errors.some((e) => /broken\.yaml$/.test(e.file) && e.problem.startsWith('YAML'))).toBe(true);
  });

  it('rejects duplicate ids, bad slugs, unknown sources, wrong target kinds and bad enums', () => {
    const dir = seedDir({
      ...valid(),
      'more.yaml':
        `models:\n  - { id: cognitive-therapy, name: Dup, description: d, sources: [beck-1979], evidence: THEORETICAL, kind: SCHOOL, orientation: COGNITIVE }\n` +
        `  - { id: Bad_Slug, name: B, description: d, sources: [nobody-2000], evidence: MAYBE, kind: SCHOOL, orientation: COGNITIVE, derivesFrom: [cognition] }\n`,
    });
    const problems = compileSeed(dir)
      .errors.map((e) => e.problem)
      .join('\n');
    expect(problems).toContain('duplicate id "cognitive-therapy"');
    expect(problems).toContain('not a kebab-case slug');
    expect(problems).toContain('unknown source "nobody-2000"');
    expect(problems).toContain('expects a Model, but "cognition" is a Modality');
    expect(problems).toContain('"evidence" must be one of');
  });

  it('requires a reason and severity on contraindication edges, and flags uncited sources and orphans', () => {
    const dir = seedDir({
      ...valid(),
      'sources2.yaml': `sources:\n  - { key: unused-2001, type: BOOK, authors: ["X, Y."], year: 2001, title: T, venue: V }\n`,
      'ci.yaml': `contraindications:\n  - { id: acute-suicidality, name: A, description: d, sources: [beck-1979], evidence: CONSENSUS }\n`,
      'techniques/t.yaml': technique(', contraindications: [acute-suicidality]'),
      'lonely.yaml': `domains:\n  - { id: existential, name: E, description: d, sources: [beck-1979], evidence: THEORETICAL }\n`,
    });
    const problems = compileSeed(dir)
      .errors.map((e) => `${e.entry}: ${e.problem}`)
      .join('\n');
    expect(problems).toContain('contraindications[0] needs the object form with "severity"');
    expect(problems).toContain('unused-2001: source is never cited');
    expect(problems).toContain('existential: orphan');
  });

  it('hashes content, so identical input compiles to identical rows', () => {
    const a = compileSeed(seedDir(valid())).graph;
    const b = compileSeed(seedDir(valid())).graph;
    expect(a.nodes.map((n) => n.hash)).toEqual(b.nodes.map((n) => n.hash));
  });
});

describe('the curated seed in seed/', () => {
  it('passes every integrity rule (what `npm run seed:check` runs)', () => {
    const { errors } = compileSeed(SEED_DIR);
    expect(errors.slice(0, 20)).toEqual([]);
  });
});

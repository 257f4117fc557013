import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.js';
import { exportFiles } from './files.js';
import type { ExportGraph } from './graph.js';
import { MATRICES, matrixData, matrixLongCsv, matrixRows, matrixWideCsv } from './matrices.js';

const mech = MATRICES.find((m) => m.type === 'ACTS_THROUGH')!;
const target = MATRICES.find((m) => m.type === 'ADDRESSES')!;

const graph: ExportGraph = {
  nodes: [
    { id: 'exposure', label: 'Technique', props: { name: 'Exposure, in vivo' } },
    { id: 'chair-work', label: 'Technique', props: { name: 'Chair work' } },
    { id: 'unlinked', label: 'Technique', props: { name: 'Unlinked' } },
    { id: 'extinction', label: 'Mechanism', props: { name: 'Extinction learning' } },
    { id: 'emotional-processing', label: 'Mechanism', props: { name: 'Emotional "processing"' } },
    { id: 'avoidance', label: 'Target', props: { name: 'Avoidance' } },
    { id: 'cbt', label: 'Model', props: { name: 'CBT' } },
  ],
  edges: [
    { fromId: 'exposure', type: 'ACTS_THROUGH', toId: 'extinction', props: { sources: ['foa-1986', 'craske-2014'], evidence: 'META_ANALYSIS' } },
    { fromId: 'exposure', type: 'ACTS_THROUGH', toId: 'emotional-processing', props: { sources: ['foa-1986'], evidence: 'THEORETICAL' } },
    { fromId: 'chair-work', type: 'ACTS_THROUGH', toId: 'emotional-processing', props: { sources: ['greenberg-1993'], evidence: 'THEORETICAL' } },
    { fromId: 'exposure', type: 'ADDRESSES', toId: 'avoidance', props: { sources: ['foa-1986'], evidence: 'RCT' } },
    { fromId: 'cbt', type: 'USES', toId: 'exposure', props: { sources: ['beck-1979'], evidence: 'THEORETICAL' } },
  ],
};

describe('technique matrices', () => {
  it('long form: one row per relationship of the type, named columns, sources joined by ";"', () => {
    const rows = parseCsv(matrixLongCsv(matrixData(graph, mech), mech));
    expect(rows).toEqual([
      {
        technique_id: 'chair-work',
        technique_name: 'Chair work',
        mechanism_id: 'emotional-processing',
        mechanism_name: 'Emotional "processing"',
        evidence: 'THEORETICAL',
        sources: 'greenberg-1993',
      },
      {
        technique_id: 'exposure',
        technique_name: 'Exposure, in vivo',
        mechanism_id: 'emotional-processing',
        mechanism_name: 'Emotional "processing"',
        evidence: 'THEORETICAL',
        sources: 'foa-1986',
      },
      {
        technique_id: 'exposure',
        technique_name: 'Exposure, in vivo',
        mechanism_id: 'extinction',
        mechanism_name: 'Extinction learning',
        evidence: 'META_ANALYSIS',
        sources: 'foa-1986;craske-2014',
      },
    ]);
    expect(matrixLongCsv(matrixData(graph, mech), mech).split('\r\n')[0]).toBe('technique_id,technique_name,mechanism_id,mechanism_name,evidence,sources');
    expect(parseCsv(matrixLongCsv(matrixData(graph, target), target))).toEqual([
      { technique_id: 'exposure', technique_name: 'Exposure, in vivo', target_id: 'avoidance', target_name: 'Avoidance', evidence: 'RCT', sources: 'foa-1986' },
    ]);
  });

  it('row count equals the relationship count, also when there are none', () => {
    for (const m of MATRICES) expect(matrixRows(matrixData(graph, m)).length).toBe(graph.edges.filter((e) => e.type === m.type).length);
    const none: ExportGraph = { nodes: graph.nodes, edges: [] };
    expect(matrixLongCsv(matrixData(none, target), target)).toBe('technique_id,technique_name,target_id,target_name,evidence,sources\r\n');
  });

  it('wide form: every technique a row, every mechanism a column, 1 where linked', () => {
    const rows = parseCsv(matrixWideCsv(matrixData(graph, mech), mech));
    expect(Object.keys(rows[0])).toEqual(['technique_id', 'technique_name', 'emotional-processing', 'extinction']);
    expect(rows.map((r) => [r.technique_id, r['emotional-processing'], r.extinction])).toEqual([
      ['chair-work', '1', '0'],
      ['exposure', '1', '1'],
      ['unlinked', '0', '0'],
    ]);
  });

  it('the matrices format names its files as the routes do', () => {
    expect(exportFiles(graph, 'matrices', 'https://example.test/').map((f) => f.name)).toEqual([
      'technique-mechanism.csv',
      'technique-mechanism-wide.csv',
      'technique-target.csv',
      'technique-target-wide.csv',
    ]);
  });
});

describe('parseCsv', () => {
  it('reads quoted commas, quotes and line breaks, and refuses ragged records', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi""\nthere"\r\n')).toEqual([{ a: 'x, y', b: 'say "hi"\nthere' }]);
    expect(() => parseCsv('a,b\r\n1\r\n')).toThrow(/1 fields/);
    expect(() => parseCsv('a\r\n"open')).toThrow(/quoted/);
  });
});

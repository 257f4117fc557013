import { describe, expect, it } from 'vitest';
import { changesMarkdown, diffReleases, foldAudit, type AuditEntryLike } from './changes.js';
import { edgesCsv, nodesCsv } from './csv.js';
import type { ExportGraph } from './graph.js';

const BASE = 'https://example.test/ipkg/';

const before: ExportGraph = {
  nodes: [
    { id: 'cbt', label: 'Model', props: { name: 'CBT', description: 'Thoughts, "feelings", behaviour.\nTwo lines.', sources: ['beck-1979'], evidence: 'RCT' } },
    {
      id: 'thought-record',
      label: 'Technique',
      props: { name: 'Thought record', description: 'Writes thoughts down.', sources: ['beck-1979'], evidence: 'THEORETICAL' },
    },
    {
      id: 'old-technique',
      label: 'Technique',
      props: { name: 'Old, retired', description: 'Gone next time.', sources: ['beck-1979'], evidence: 'EXPERT_OPINION' },
    },
  ],
  edges: [
    { fromId: 'cbt', type: 'USES', toId: 'thought-record', props: { sources: ['beck-1979'], evidence: 'THEORETICAL' } },
    { fromId: 'cbt', type: 'USES', toId: 'old-technique', props: { sources: ['beck-1979'], evidence: 'THEORETICAL' } },
  ],
};

const after: ExportGraph = {
  nodes: [
    // re-graded and re-described (the version counter is bookkeeping, not a change)
    {
      id: 'cbt',
      label: 'Model',
      props: { name: 'CBT', description: 'Thoughts, feelings, behaviour.', sources: ['beck-1979'], evidence: 'META_ANALYSIS', version: 3 },
    },
    // otherwise changed (a new property: the column appears)
    {
      id: 'thought-record',
      label: 'Technique',
      props: { name: 'Thought record', description: 'Writes thoughts down.', sources: ['beck-1979'], evidence: 'THEORETICAL', phaseNote: 'early' },
    },
    { id: 'new-technique', label: 'Technique', props: { name: 'New one', description: 'Added.', sources: ['beck-1979'], evidence: 'CONSENSUS' } },
  ],
  edges: [
    { fromId: 'cbt', type: 'USES', toId: 'thought-record', props: { sources: ['beck-1979'], evidence: 'RCT' } },
    { fromId: 'cbt', type: 'USES', toId: 'new-technique', props: { sources: ['beck-1979'], evidence: 'THEORETICAL' } },
  ],
};

const tables = (g: ExportGraph) => ({ nodesCsv: nodesCsv(g, BASE), edgesCsv: edgesCsv(g) });

describe('diffReleases (nodes.csv and edges.csv of two releases)', () => {
  const d = diffReleases(tables(before), tables(after));

  it('lists entities added, removed, re-graded and otherwise changed, each once', () => {
    expect(d.entities.added.map((i) => i.target)).toEqual(['new-technique']);
    expect(d.entities.added[0]).toMatchObject({ kind: 'Technique', name: 'New one', evidenceAfter: 'CONSENSUS', evidenceBefore: null, regraded: false });
    expect(d.entities.removed.map((i) => [i.target, i.name, i.evidenceBefore])).toEqual([['old-technique', 'Old, retired', 'EXPERT_OPINION']]);
    expect(d.entities.regraded).toEqual([
      { target: 'cbt', kind: 'Model', name: 'CBT', regraded: true, evidenceBefore: 'RCT', evidenceAfter: 'META_ANALYSIS', fields: ['description', 'evidence'] },
    ]);
    expect(d.entities.updated.map((i) => [i.target, i.fields, i.regraded])).toEqual([['thought-record', ['phaseNote'], false]]);
  });

  it('keys relationships by from|TYPE|to', () => {
    expect(d.relationships.added.map((i) => i.target)).toEqual(['cbt|USES|new-technique']);
    expect(d.relationships.removed.map((i) => i.target)).toEqual(['cbt|USES|old-technique']);
    expect(d.relationships.regraded.map((i) => [i.target, i.kind, i.evidenceBefore, i.evidenceAfter])).toEqual([
      ['cbt|USES|thought-record', 'USES', 'THEORETICAL', 'RCT'],
    ]);
    expect(d.relationships.updated).toEqual([]);
  });

  it('finds nothing between a release and itself', () => {
    const same = diffReleases(tables(after), tables(after));
    for (const set of [same.entities, same.relationships]) for (const list of Object.values(set)) expect(list).toEqual([]);
  });

  it('writes a readable CHANGES.md', () => {
    const md = changesMarkdown({ previous: { version: '7', datePublished: '2026-01-01T00:00:00.000Z', folder: '7' }, version: '9', ...d });
    expect(md).toContain('# Changes in data version 9');
    expect(md).toContain('Compared with data version 7');
    expect(md).toContain('## Entities re-graded (1)');
    expect(md).toContain('- `cbt` (Model, CBT): RCT → META_ANALYSIS (also description)');
    expect(md).toContain('- `cbt|USES|new-technique`');
    expect(changesMarkdown({ previous: null, version: '1', ...d })).toContain('First release');
  });
});

describe('foldAudit (the audit log since a data version)', () => {
  const j = (v: unknown) => JSON.stringify(v);
  let seq = 10;
  const entry = (action: string, target: string, kind: string, changes: Array<[string, unknown, unknown]>, actor = 'alice'): AuditEntryLike => ({
    seq: ++seq,
    at: Date.UTC(2026, 0, 1) + seq * 1000,
    actor,
    action,
    target,
    kind,
    changes: j(changes.map(([field, b, a]) => ({ field, before: b === null ? null : j(b), after: a === null ? null : j(a) }))),
  });
  const log = [
    entry('CREATE_ENTITY', 'm-new', 'Model', [
      ['name', null, 'New'],
      ['evidence', null, 'EXPERT_OPINION'],
    ]),
    entry('UPDATE_ENTITY', 'm-new', 'Model', [['evidence', 'EXPERT_OPINION', 'CONSENSUS']]),
    entry(
      'UPDATE_ENTITY',
      'm-old',
      'Model',
      [
        ['evidence', 'THEORETICAL', 'RCT'],
        ['name', 'Old', 'Older'],
      ],
      'bob',
    ),
    entry('UPDATE_ENTITY', 'm-old', 'Model', [['name', 'Older', 'Old']]),
    entry('UPDATE_ENTITY', 'm-desc', 'Model', [['description', 'a', 'b']]),
    entry('DELETE_ENTITY', 'm-gone', 'Model', [
      ['evidence', 'RCT', null],
      ['name', 'Gone', null],
      ['relationships', '3', null],
    ]),
    entry('CREATE_ENTITY', 'm-blip', 'Model', [['name', null, 'Blip']]),
    entry('DELETE_ENTITY', 'm-blip', 'Model', [['name', 'Blip', null]]),
    entry('CREATE_RELATIONSHIP', 'a|USES|b', 'USES', [
      ['evidence', null, 'THEORETICAL'],
      ['sources', null, ['x']],
    ]),
    entry('UPDATE_RELATIONSHIP', 'c|USES|d', 'USES', [['evidence', 'THEORETICAL', 'RCT']]),
    entry('DELETE_RELATIONSHIP', 'e|USES|f', 'USES', [['evidence', 'RCT', null]]),
    // Relationships that went with a deleted end: one made in the window (net nothing), one only updated (deleted).
    entry('CREATE_RELATIONSHIP', 'm-doomed|USES|b', 'USES', [['evidence', null, 'THEORETICAL']]),
    entry('UPDATE_RELATIONSHIP', 'g|USES|m-doomed', 'USES', [['evidence', 'THEORETICAL', 'RCT']]),
    entry('DELETE_ENTITY', 'm-doomed', 'Model', [['evidence', 'RCT', null]]),
    // ... and one re-created after the delete, which exists at the end.
    entry('CREATE_RELATIONSHIP', 'm-gone|USES|b', 'USES', [['evidence', null, 'THEORETICAL']]),
  ];
  const f = foldAudit([...log].reverse()); // order of the input does not matter

  it('classifies net: created (however often updated since), updated, deleted; created-and-deleted is left out', () => {
    expect(f.entities.created.map((i) => i.target)).toEqual(['m-new']);
    expect(f.entities.updated.map((i) => i.target)).toEqual(['m-desc', 'm-old']);
    expect(f.entities.deleted.map((i) => i.target)).toEqual(['m-doomed', 'm-gone']);
    expect(f.relationships.created.map((i) => i.target)).toEqual(['a|USES|b', 'm-gone|USES|b']);
    expect(f.relationships.updated.map((i) => i.target)).toEqual(['c|USES|d']);
    expect(f.relationships.deleted.map((i) => i.target)).toEqual(['e|USES|f', 'g|USES|m-doomed']);
  });

  it('marks re-grades by the evidence at the start and the end, and nets out reverted fields', () => {
    const old = f.entities.updated.find((i) => i.target === 'm-old')!;
    expect(old).toMatchObject({
      regraded: true,
      evidenceBefore: 'THEORETICAL',
      evidenceAfter: 'RCT',
      fields: ['evidence'],
      versions: [13, 14],
      actors: ['bob', 'alice'],
    });
    expect(old.at).toBe(Date.UTC(2026, 0, 1) + 14 * 1000);
    expect(f.entities.updated.find((i) => i.target === 'm-desc')).toMatchObject({
      regraded: false,
      evidenceBefore: null,
      evidenceAfter: null,
      fields: ['description'],
    });
    expect(f.entities.created[0]).toMatchObject({
      regraded: false,
      evidenceBefore: null,
      evidenceAfter: 'CONSENSUS',
      fields: ['evidence', 'name'],
      versions: [11, 12],
    });
    expect(f.entities.deleted.find((i) => i.target === 'm-gone')).toMatchObject({
      regraded: false,
      evidenceBefore: 'RCT',
      evidenceAfter: null,
      fields: ['evidence', 'name'],
    });
    expect(f.relationships.updated[0]).toMatchObject({ regraded: true, evidenceBefore: 'THEORETICAL', evidenceAfter: 'RCT' });
  });

  it('an empty log is an empty change list', () => {
    expect(foldAudit([])).toEqual({ entities: { created: [], updated: [], deleted: [] }, relationships: { created: [], updated: [], deleted: [] } });
  });
});

import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../src/config.js';
import type { ReleaseChanges } from '../src/export/changes.js';
import { ReleaseError, writeRelease } from '../src/export/release.js';
import { startService, type Service } from '../src/server.js';
import { freePort } from './global-setup.js';

/**
 * `ipkg release` against its OWN embedded Neo4j and service: the test makes curation writes between releases, and
 * the shared service's readers (fuzz audit counts, paging totals) must never see them.
 */

const CURATOR = 'release-curator-token-0123456789abcdef';
const MODEL = 'release-probe-model';
const EDGE = `${MODEL}|USES|thought-record`;
let service: Service;
let dataDir: string;
let outDir: string;

type Body = { data?: any; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
async function call(query: string, variables: Record<string, unknown> = {}): Promise<Body> {
  const res = await fetch(service.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${CURATOR}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as Body;
}
async function ok(query: string, variables: Record<string, unknown> = {}) {
  const r = await call(query, variables);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data;
}

const CHANGES = `query($v: Int!) { changes(sinceVersion: $v) {
  sinceVersion throughVersion truncated writes unaudited
  entities { created { target kind regraded evidenceBefore evidenceAfter fields versions at actors } updated { target regraded evidenceBefore evidenceAfter fields } deleted { target evidenceBefore } }
  relationships { created { target kind evidenceAfter } updated { target regraded } deleted { target } }
} }`;

let clock = Date.UTC(2026, 11, 1, 12, 0, 0);
const lines: string[] = [];
const release = (name: string) =>
  writeRelease(service.database.db, { out: join(outDir, name), log: (l) => lines.push(l), now: () => new Date((clock += 60_000)) });
const changesOf = (name: string) => JSON.parse(readFileSync(join(outDir, name, 'changes.json'), 'utf8')) as ReleaseChanges;
const dataVersion = async () => Number(await service.database.db.dataVersion());

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ipkg-release-neo4j-'));
  outDir = mkdtempSync(join(tmpdir(), 'ipkg-releases-'));
  const env = { ...process.env, IPKG_TOKENS: `releaser:curator:${CURATOR}` };
  // A release reads the whole graph and the 50 x 236 verdict matrix: give it the CLI's generous query timeout.
  const config = {
    ...loadConfig(env),
    port: 0,
    localPort: await freePort(),
    localDataDir: dataDir,
    localHeapMb: 384,
    production: false,
    queryTimeoutMs: 120_000,
  };
  service = await startService(config, { log: () => {} });
});

afterAll(async () => {
  await service?.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
});

describe('ipkg release', () => {
  let v1 = 0;
  let v2 = 0;

  it('writes every export, an RO-Crate listing each file with its sha256, and a CITATION.cff', async () => {
    v1 = await dataVersion();
    const r = await release('first');
    expect(r.version).toBe(String(v1));
    const folder = join(outDir, 'first');
    const onDisk = readdirSync(folder).sort();
    for (const f of [
      'graph.jsonld',
      'context.jsonld',
      'graph.graphml',
      'nodes.csv',
      'edges.csv',
      'technique-mechanism.csv',
      'technique-mechanism-wide.csv',
      'technique-target.csv',
      'technique-target-wide.csv',
      'CITATION.cff',
      'changes.json',
      'CHANGES.md',
      'ro-crate-metadata.json',
    ]) {
      expect(onDisk, f).toContain(f);
    }
    expect(onDisk).toEqual([...r.files].sort());

    const crate = JSON.parse(readFileSync(join(folder, 'ro-crate-metadata.json'), 'utf8'));
    expect(crate['@context'][0]).toBe('https://w3id.org/ro/crate/1.1/context');
    const byId = new Map<string, any>(crate['@graph'].map((e: any) => [e['@id'], e]));
    expect(byId.get('ro-crate-metadata.json')).toMatchObject({
      '@type': 'CreativeWork',
      about: { '@id': './' },
      conformsTo: { '@id': 'https://w3id.org/ro/crate/1.1' },
    });
    const root = byId.get('./');
    expect(root).toMatchObject({ '@type': 'Dataset', version: String(v1), license: { '@id': 'https://creativecommons.org/licenses/by/4.0/' } });
    expect(typeof root.name).toBe('string');
    expect(typeof root.description).toBe('string');
    expect(Number.isNaN(Date.parse(root.datePublished))).toBe(false);
    // Every file in the folder but the descriptor itself is a part, with its true size and checksum.
    const parts = root.hasPart.map((p: { '@id': string }) => p['@id']).sort();
    expect(parts).toEqual(onDisk.filter((f) => f !== 'ro-crate-metadata.json'));
    for (const name of parts) {
      const file = byId.get(name);
      const bytes = readFileSync(join(folder, name));
      expect(file['@type'], name).toBe('File');
      expect(file.sha256, name).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(file.contentSize, name).toBe(String(statSync(join(folder, name)).size));
      expect(file.encodingFormat, name).toMatch(/^[a-z]+\/[a-z0-9.+-]+$/);
    }
    expect(byId.get('nodes.csv').encodingFormat).toBe('text/csv');
    expect(byId.get('graph.jsonld').encodingFormat).toBe('application/ld+json');

    const cff = parse(readFileSync(join(folder, 'CITATION.cff'), 'utf8'));
    expect(cff).toMatchObject({ 'cff-version': '1.2.0', version: String(v1), license: 'CC-BY-4.0', 'date-released': root.datePublished.slice(0, 10) });
    expect(cff.authors).toEqual([{ name: 'ipkg contributors' }]);
    expect(typeof cff.title).toBe('string');

    expect(changesOf('first').previous).toBeNull();
    expect(lines.some((l) => l.startsWith('release: nodes.csv'))).toBe(true);
    expect(readdirSync(outDir).filter((f) => f.startsWith('.'))).toEqual([]); // no temporary folder left behind
  });

  it('refuses to overwrite a release folder, and leaves nothing half-written', async () => {
    const before = readFileSync(join(outDir, 'first', 'nodes.csv'));
    await expect(release('first')).rejects.toBeInstanceOf(ReleaseError);
    expect(readFileSync(join(outDir, 'first', 'nodes.csv'))).toEqual(before);
    expect(readdirSync(outDir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('after curation writes, the next release lists what was added against the previous one', async () => {
    await ok(`mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { id } } }`, {
      input: {
        kind: 'MODEL',
        id: MODEL,
        fields: {
          name: 'Release probe model',
          description: 'Made by the release test.',
          sources: ['beck-1979'],
          evidence: 'EXPERT_OPINION',
          model: { kind: 'SCHOOL', orientation: 'COGNITIVE' },
        },
      },
    });
    await ok(`mutation($input: RelationshipInput!) { createRelationship(input: $input) { audit { seq } } }`, {
      input: { from: MODEL, type: 'USES', to: 'thought-record', sources: ['beck-1979'], evidence: 'THEORETICAL' },
    });
    v2 = await dataVersion();
    const r = await release('second');
    expect(r.version).toBe(String(v2));
    const c = changesOf('second');
    expect(c.previous).toMatchObject({ version: String(v1), folder: 'first' });
    expect(c.entities.added.map((i) => i.target)).toEqual([MODEL]);
    expect(c.entities.added[0]).toMatchObject({ kind: 'Model', name: 'Release probe model', evidenceAfter: 'EXPERT_OPINION' });
    expect(c.relationships.added.map((i) => i.target)).toEqual([EDGE]);
    expect(c.entities.removed).toEqual([]);
    expect(readFileSync(join(outDir, 'second', 'CHANGES.md'), 'utf8')).toContain(`\`${MODEL}\``);
  });

  it('a re-grade and a delete show up as re-graded and removed', async () => {
    const m = await ok(`{ model(id: "${MODEL}") { version } }`);
    await ok(`mutation($input: UpdateEntityInput!) { updateEntity(input: $input) { entity { id } } }`, {
      input: { id: MODEL, version: m.model.version, sources: ['beck-1979'], fields: { evidence: 'CONSENSUS' } },
    });
    await release('third');
    const c = changesOf('third');
    expect(c.previous?.folder).toBe('second');
    expect(c.entities.regraded).toEqual([
      expect.objectContaining({ target: MODEL, evidenceBefore: 'EXPERT_OPINION', evidenceAfter: 'CONSENSUS', fields: ['evidence'] }),
    ]);
    expect(c.entities.added).toEqual([]);

    const again = await ok(`{ model(id: "${MODEL}") { version } }`);
    await ok(`mutation($input: DeleteEntityInput!) { deleteEntity(input: $input) { audit { seq } } }`, {
      input: { id: MODEL, version: again.model.version, sources: ['beck-1979'] },
    });
    await release('fourth');
    const d = changesOf('fourth');
    expect(d.entities.removed.map((i) => i.target)).toEqual([MODEL]);
    expect(d.relationships.removed.map((i) => i.target)).toEqual([EDGE]); // removed with its entity
  });

  it('GraphQL changes(sinceVersion) answers the same from the audit log', async () => {
    // Since just after the create: the model was re-graded, then deleted.
    const after = (await ok(CHANGES, { v: v2 })).changes;
    expect(after).toMatchObject({ sinceVersion: v2, truncated: false, writes: 2, unaudited: 0 });
    expect(after.throughVersion).toBe(await dataVersion());
    expect(after.entities.deleted).toEqual([{ target: MODEL, evidenceBefore: 'EXPERT_OPINION' }]);

    // Since before the create: created and deleted in the window, so net nothing for the model.
    const all = (await ok(CHANGES, { v: v1 })).changes;
    expect(all.writes).toBe(4);
    expect(all.entities.created.map((i: { target: string }) => i.target)).not.toContain(MODEL);
    expect(all.entities.deleted.map((i: { target: string }) => i.target)).not.toContain(MODEL);
    // The relationship went with its entity (no audit entry of its own): also net nothing.
    expect(all.relationships.created.map((i: { target: string }) => i.target)).not.toContain(EDGE);
    expect(after.relationships.deleted).toEqual([]); // written before the window: known only as the delete's count

    const none = (await ok(CHANGES, { v: await dataVersion() })).changes;
    expect(none).toMatchObject({ writes: 0, entities: { created: [], updated: [], deleted: [] } });

    const bad = await call(CHANGES, { v: -1 });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'sinceVersion' });
  });

  it('marks a re-grade in an update, with the evidence at both ends', async () => {
    const id = 'release-probe-regrade';
    await ok(`mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { id } } }`, {
      input: {
        kind: 'MODEL',
        id,
        fields: {
          name: 'Release regrade probe',
          description: 'Made by the release test.',
          sources: ['beck-1979'],
          evidence: 'EXPERT_OPINION',
          model: { kind: 'SCHOOL', orientation: 'COGNITIVE' },
        },
      },
    });
    const since = await dataVersion();
    await ok(`mutation($input: UpdateEntityInput!) { updateEntity(input: $input) { entity { id } } }`, {
      input: { id, version: 1, sources: ['beck-1979'], fields: { evidence: 'THEORETICAL', name: 'Renamed probe' } },
    });
    const c = (await ok(CHANGES, { v: since })).changes;
    expect(c.entities.updated).toEqual([
      { target: id, regraded: true, evidenceBefore: 'EXPERT_OPINION', evidenceAfter: 'THEORETICAL', fields: ['evidence', 'name'] },
    ]);
    await ok(`mutation($input: RelationshipInput!) { createRelationship(input: $input) { audit { seq } } }`, {
      input: { from: id, type: 'USES', to: 'thought-record', sources: ['beck-1979'], evidence: 'THEORETICAL' },
    });
    const window = (await ok(CHANGES, { v: since - 1 })).changes;
    expect(window.entities.created).toEqual([
      expect.objectContaining({ target: id, kind: 'Model', regraded: false, evidenceAfter: 'THEORETICAL', actors: ['releaser'] }),
    ]);
    expect(Number.isNaN(Date.parse(window.entities.created[0].at))).toBe(false);
    expect(window.relationships.created).toEqual([{ target: `${id}|USES|thought-record`, kind: 'USES', evidenceAfter: 'THEORETICAL' }]);
    // Who wrote is for curators only, as in auditLog.
    const anonymous = await fetch(service.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: CHANGES, variables: { v: since - 1 } }),
    });
    const body = (await anonymous.json()) as Body;
    expect(body.data.changes.entities.created[0]).toMatchObject({ target: id, actors: null });
    await ok(`mutation($input: DeleteEntityInput!) { deleteEntity(input: $input) { audit { seq } } }`, { input: { id, version: 2, sources: ['beck-1979'] } });
    expect((await ok(`{ model(id: "${id}") { id } }`)).model).toBeNull();
    expect(existsSync(join(outDir, 'fourth'))).toBe(true);
  });
});

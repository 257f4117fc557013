import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../src/config.js';
import { createDriver } from '../src/db/driver.js';
import { Db } from '../src/db/run.js';
import { profileStore, readProfiles } from '../src/questions/profiles.js';
import { startService, type Service } from '../src/server.js';
import { freePort } from './global-setup.js';

/**
 * The incremental technique-profile store (issue 13) is exactly as correct as refetching: after each kind of write
 * that can change a profile, the profiles it serves equal a full read, and tailor answers equal those of a service
 * with no cache at all. Against its OWN embedded Neo4j and service: these tests write.
 */

const CURATOR = 'curator-token-profiles-0123456789';
let service: Service;
let fresh: Service;
let dataDir: string;

type Body = { data?: any; errors?: Array<{ message: string }> };
async function call(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<any> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Body;
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}
const write = (query: string, input: Record<string, unknown>) => call(service.url, query, { input }, CURATOR);
/** A write through the other instance (no store, so no warm-up): this one learns of it only from the data version. */
const writeElsewhere = (query: string, input: Record<string, unknown>) => call(fresh.url, query, { input }, CURATOR);
const versionOf = async (id: string) =>
  Number(
    (await call(service.url, `query($id: ID!) { node(id: $id) { ... on Technique { version } ... on Contraindication { version } } }`, { id })).node.version,
  );

const UPDATE = `mutation($input: UpdateEntityInput!) { updateEntity(input: $input) { entity { id } } }`;
const CREATE = `mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { id } } }`;
const DELETE = `mutation($input: DeleteEntityInput!) { deleteEntity(input: $input) { entity { id } } }`;
const CREATE_REL = `mutation($input: RelationshipInput!) { createRelationship(input: $input) { relationship { version } } }`;
const DELETE_REL = `mutation($input: DeleteRelationshipInput!) { deleteRelationship(input: $input) { audit { seq } } }`;
const SRC = ['beck-1979'];

const TAILOR = `query($p: ClientProfileInput!, $b: ID) { tailor(profile: $p, baseModelId: $b, first: 300) { recommendations { technique { id name directiveness } score tier explanation reasons { factor weight message } cautions { severity reason contraindication { id risk } } } excluded { technique { id } explanation contraindications { severity contraindication { id } } } } }`;
const PROFILES = [
  { p: { risks: ['UNSTABLE_DISSOCIATION', 'ACTIVE_PSYCHOSIS'], reactance: 'HIGH' }, b: null },
  { p: { stageOfChange: 'PREPARATION', targets: ['dissociation', 'suicidal-crisis'], format: 'GROUP' }, b: 'psychodynamic-therapy' },
];

/** The store's profiles equal a full read, and tailor on the cached service equals tailor on an uncached one. */
async function agrees(): Promise<void> {
  const db = service.database.db;
  const incremental = await readProfiles(db, { count: 0 }, null);
  const full = await db.read('technique-profiles', { ids: null });
  expect(incremental).toEqual(full);
  for (const { p, b } of PROFILES) expect(await call(service.url, TAILOR, { p, b })).toEqual(await call(fresh.url, TAILOR, { p, b }));
}

/** Runs a write and checks agreement; `incremental` asserts the store refreshed without a full read. */
async function afterWrite(doWrite: () => Promise<unknown>, incremental = true): Promise<void> {
  const stats = profileStore(service.database.db).stats;
  const before = { ...stats };
  await doWrite();
  await agrees();
  if (incremental) {
    expect(stats.full).toBe(before.full);
    expect(stats.incremental).toBe(before.incremental + 1);
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ipkg-profiles-neo4j-'));
  // Whole tailor answers (first: 300) are compared, which costs more than the public limit allows.
  const env = { ...process.env, IPKG_TOKENS: `alice:curator:${CURATOR}`, IPKG_MAX_COST: '10000000' };
  const config: Config = { ...loadConfig(env), port: 0, localPort: await freePort(), localDataDir: dataDir, localHeapMb: 384, production: false };
  service = await startService(config, { log: () => {} });
  // A second service over the same Neo4j with no cache and no profile store: what any answer would be if nothing were kept.
  const driver = createDriver(config, service.database.uri);
  const db = new Db(driver, { database: config.neo4jDatabase, timeoutMs: config.queryTimeoutMs, cache: false, profileStore: false });
  fresh = await startService(config, { database: { db, driver, uri: service.database.uri, close: () => driver.close() }, log: () => {} });
});

afterAll(async () => {
  await fresh?.close();
  await fresh?.database.close();
  await service?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a write warms the store', () => {
  it('the refresh for the new version starts when the write commits, before any read asks for it', async () => {
    const db = service.database.db;
    await readProfiles(db, { count: 0 }, null); // the store is at the current version
    const stats = profileStore(db).stats;
    const before = { ...stats };
    await write(UPDATE, { id: 'grounding', version: await versionOf('grounding'), fields: { technique: { directiveness: 'HIGH' } }, sources: SRC });
    // No profile read is sent from here on: only the write's own warm-up can move the figures.
    const deadline = Date.now() + 30_000;
    while (stats.incremental === before.incremental && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(stats.incremental).toBe(before.incremental + 1);
    expect(stats.full).toBe(before.full);
    await agrees();
    expect(stats.incremental).toBe(before.incremental + 1); // the read found it ready: no second refresh
  });
});

describe('technique profiles after writes equal a full refetch', () => {
  it('agrees before any write (a full read)', agrees);

  it("a technique's directiveness", () =>
    afterWrite(async () =>
      write(UPDATE, { id: 'grounding', version: await versionOf('grounding'), fields: { technique: { directiveness: 'HIGH' } }, sources: SRC }),
    ));

  let contraVersion = 0;
  it('a HAS_CONTRAINDICATION added', () =>
    afterWrite(async () => {
      const d = await write(CREATE_REL, {
        from: 'grounding',
        type: 'HAS_CONTRAINDICATION',
        to: 'unstable-dissociation',
        sources: SRC,
        evidence: 'EXPERT_OPINION',
        severity: 'ABSOLUTE',
        reason: 'Written by the profile tests.',
      });
      contraVersion = d.createRelationship.relationship.version;
    }));

  it('a HAS_CONTRAINDICATION removed', () =>
    afterWrite(() =>
      write(DELETE_REL, { from: 'grounding', type: 'HAS_CONTRAINDICATION', to: 'unstable-dissociation', version: contraVersion, sources: SRC }),
    ));

  let addressesVersion = 0;
  it('an ADDRESSES added', () =>
    afterWrite(async () => {
      const d = await write(CREATE_REL, { from: 'grounding', type: 'ADDRESSES', to: 'suicidal-crisis', sources: SRC, evidence: 'EXPERT_OPINION' });
      addressesVersion = d.createRelationship.relationship.version;
    }));

  it('an ADDRESSES removed', () =>
    afterWrite(() => write(DELETE_REL, { from: 'grounding', type: 'ADDRESSES', to: 'suicidal-crisis', version: addressesVersion, sources: SRC })));

  it("a contraindication's risk (every technique that has it)", () =>
    afterWrite(async () =>
      write(UPDATE, {
        id: 'unstable-dissociation',
        version: await versionOf('unstable-dissociation'),
        fields: { contraindication: { risk: 'ACTIVE_PSYCHOSIS' } },
        sources: SRC,
      }),
    ));

  it('a write no profile reads (a new domain): nothing refetched', async () => {
    const stats = profileStore(service.database.db).stats;
    const rows = stats.refetchedRows;
    await afterWrite(() =>
      write(CREATE, {
        kind: 'DOMAIN',
        id: 'profiles-test-domain',
        fields: { name: 'Profiles test domain', description: 'd', sources: SRC, evidence: 'EXPERT_OPINION' },
      }),
    );
    expect(stats.refetchedRows).toBe(rows);
  });

  const technique = {
    kind: 'TECHNIQUE',
    id: 'profiles-test-technique',
    fields: {
      name: 'Profiles test technique',
      description: 'd',
      sources: SRC,
      evidence: 'EXPERT_OPINION',
      technique: { directiveness: 'LOW', structure: 'LOW', intensity: 'LOW', focus: 'SKILL', formats: ['INDIVIDUAL'] },
    },
  };
  it('a technique created, then linked', async () => {
    await afterWrite(() => write(CREATE, technique));
    await afterWrite(() =>
      write(CREATE_REL, { from: 'profiles-test-technique', type: 'ADDRESSES', to: 'dissociation', sources: SRC, evidence: 'EXPERT_OPINION' }),
    );
    expect((await readProfiles(service.database.db, { count: 0 }, ['profiles-test-technique']))[0].addresses.map((a) => a.target.id)).toEqual(['dissociation']);
  });

  it('a technique deleted', async () => {
    await afterWrite(async () => write(DELETE, { id: 'profiles-test-technique', version: await versionOf('profiles-test-technique'), sources: SRC }));
    expect(await readProfiles(service.database.db, { count: 0 }, ['profiles-test-technique'])).toEqual([]);
  });

  it('several writes (by another instance) between two reads, folded into one refresh', () =>
    afterWrite(async () => {
      await writeElsewhere(UPDATE, { id: 'grounding', version: await versionOf('grounding'), fields: { technique: { directiveness: 'LOW' } }, sources: SRC });
      await writeElsewhere(UPDATE, {
        id: 'unstable-dissociation',
        version: await versionOf('unstable-dissociation'),
        fields: { contraindication: { risk: 'UNSTABLE_DISSOCIATION' } },
        sources: SRC,
      });
    }));

  it('concurrent requests of one new version share one refresh', async () => {
    const stats = profileStore(service.database.db).stats;
    await writeElsewhere(UPDATE, { id: 'grounding', version: await versionOf('grounding'), fields: { technique: { intensity: 'MODERATE' } }, sources: SRC });
    const before = { ...stats };
    await Promise.all(Array.from({ length: 8 }, () => call(service.url, TAILOR, PROFILES[0])));
    expect(stats.incremental + stats.full).toBe(before.incremental + before.full + 1);
    await agrees();
  });
});

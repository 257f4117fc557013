import { request } from 'node:http';
import { resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { operations } from '../src/mcp/operations.js';
import { inputFields } from '../src/mcp/vocabulary.js';
import { baseUrl, data } from './client.js';

/**
 * The MCP tools as an MCP client sees them: the SDK's own Client, over streamable HTTP against the running test
 * service (and once over stdio against `ipkg mcp`), calling every tool with ids from the seed.
 */

const TOOLS = ['assimilation_check', 'describe', 'model_overlap', 'search', 'tailor', 'validate_plan'];
const DISCLAIMER = /For education and research only.*not clinical advice/s;

let client: Client;

beforeAll(async () => {
  client = new Client({ name: 'ipkg-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${baseUrl()}/mcp`)));
});

afterAll(async () => {
  await client?.close();
});

async function call(name: string, args: Record<string, unknown>): Promise<{ result: CallToolResult; text: string }> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const text = result.content
    .filter((c) => c.type === 'text')
    .map((c) => (c as { text: string }).text)
    .join('\n');
  return { result, text };
}

/** A successful answer: no error, the disclaimer in both the text and the structured content. */
async function ok(name: string, args: Record<string, unknown>) {
  const { result, text } = await call(name, args);
  expect(result.isError, text).toBeFalsy();
  expect(text).toMatch(DISCLAIMER);
  const structured = result.structuredContent as Record<string, any>;
  expect(structured.disclaimer).toMatch(DISCLAIMER);
  return { text, structured };
}

async function failure(name: string, args: Record<string, unknown>): Promise<string> {
  const { result, text } = await call(name, args);
  expect(result.isError, text).toBe(true);
  return text;
}

describe('MCP over streamable HTTP (/mcp)', () => {
  it('lists the six read tools, each read-only, with descriptions and input schemas; no write tool', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(TOOLS);
    for (const t of tools) {
      expect(t.description?.length, t.name).toBeGreaterThan(80);
      expect(t.inputSchema.type).toBe('object');
      expect(t.annotations?.readOnlyHint, t.name).toBe(true);
      expect(t.annotations?.destructiveHint, t.name).toBe(false);
      expect(t.name).not.toMatch(/create|update|delete|write|set|remove|add/i);
    }
    const tailor = tools.find((t) => t.name === 'tailor')!;
    const profile = (tailor.inputSchema.properties as Record<string, any>).profile;
    expect(profile.properties.risks.items.enum).toContain('RECENT_SELF_HARM');
    // The profile's fields are the SDL's ClientProfileInput, whatever it grows.
    expect(Object.keys(profile.properties)).toEqual(inputFields('ClientProfileInput').map((f) => f.name));
    expect(client.getInstructions()).toMatch(DISCLAIMER);
    expect(client.getServerVersion()?.name).toBe('ipkg');
  });

  it('search finds entities with their ids and sources', async () => {
    const { text, structured } = await ok('search', { query: 'psychodynamic', types: ['MODEL'], first: 5 });
    const hits = structured.search as Array<{ node: { __typename: string; id: string; sources: Array<{ id: string }> } }>;
    expect(hits.map((h) => h.node.id)).toContain('psychodynamic-therapy');
    for (const h of hits) expect(h.node.__typename).toBe('Model');
    expect(text).toContain('[psychodynamic-therapy]');
    const first = hits.find((h) => h.node.id === 'psychodynamic-therapy')!;
    expect(first.node.sources.length).toBeGreaterThan(0);
    expect(text).toContain(first.node.sources[0].id);
  });

  it('describe gives an entity with its sources (full citations) and its cited relationships', async () => {
    const { text, structured } = await ok('describe', { id: 'thought-record' });
    const node = structured.node;
    expect(node.__typename).toBe('Technique');
    expect(node.description.length).toBeGreaterThan(50);
    expect(text).toContain(node.description);
    expect(node.sources.length).toBeGreaterThan(0);
    expect(text).toContain(`[${node.sources[0].id}] ${node.sources[0].citation}`);
    expect(node.links.length).toBeGreaterThan(3);
    for (const l of node.links) expect(l.sources.length, `${l.type} ${l.node.id}`).toBeGreaterThan(0);
    const link = node.links[0];
    expect(text).toContain(`${link.node.name} [${link.node.id}] (${link.evidence}; sources: ${link.sources.map((s: { id: string }) => s.id).join(', ')})`);

    // Source ids handed out by the other tools describe too: the citation is the answer.
    const source = await ok('describe', { id: node.sources[0].id });
    expect(source.structured.node.__typename).toBe('Source');
    expect(source.text).toContain(`Citation: ${source.structured.node.citation}`);
  });

  it('assimilation_check: a compatible import with its re-reading path, and a conflict with its cited paths', async () => {
    const yes = await ok('assimilation_check', { baseModelId: 'psychodynamic-therapy', techniqueId: 'thought-record' });
    const v = yes.structured.assimilationCheck;
    expect(v.compatible).toBe(true);
    expect(v.reframing).toBeTruthy();
    expect(yes.text).toContain('COMPATIBLE');
    expect(yes.text).toContain(`path: ${v.reframingPath.text}`);
    for (const s of v.reframingPath.steps[0].sources) expect(yes.text).toContain(s.id);

    const no = await ok('assimilation_check', { baseModelId: 'behavior-therapy', techniqueId: 'transference-interpretation' });
    const w = no.structured.assimilationCheck;
    expect(w.compatible).toBe(false);
    expect(no.text).toContain('NOT COMPATIBLE');
    expect(w.conflicts.length).toBeGreaterThan(0);
    for (const c of w.conflicts) {
      expect(no.text).toContain(c.path.text);
      for (const step of c.path.steps) {
        expect(step.sources.length).toBeGreaterThan(0);
        expect(no.text).toContain(
          `${step.from.id} -${step.type}-> ${step.to.id} (${step.evidence}): ${step.sources.map((s: { id: string }) => s.id).join(', ')}`,
        );
      }
    }
  });

  it('assimilation_check names the clashing attributes of a stance conflict (no mechanism)', async () => {
    const { text, structured } = await ok('assimilation_check', { baseModelId: 'person-centered-therapy', techniqueId: 'flooding' });
    const stance = structured.assimilationCheck.conflicts.find((c: { kind: string }) => c.kind === 'STANCE_CONTRADICTS_TENET');
    expect(stance).toBeTruthy();
    expect(stance.mechanism).toBeNull();
    expect(stance.attributes.length).toBeGreaterThan(0);
    expect(text).toContain(`clashing attributes: ${stance.attributes.join(', ')}`);
    expect(text).toContain(stance.path.text);
  });

  it('answers exactly what the GraphQL API answers for the same operation (same resolvers, no second implementation)', async () => {
    const vars = { baseModelId: 'behavior-therapy', techniqueId: 'transference-interpretation' };
    const { structured } = await ok('assimilation_check', vars);
    const { disclaimer: _d, ...mcpData } = structured;
    expect(mcpData).toEqual(await data(operations().assimilationCheck, vars));
  });

  it('tailor ranks techniques with sourced reasons and excludes contraindicated ones', async () => {
    const profile = { stageOfChange: 'CONTEMPLATION', reactance: 'HIGH', risks: ['RECENT_SELF_HARM'] };
    const { text, structured } = await ok('tailor', { profile, first: 3 });
    const t = structured.tailor;
    expect(t.recommendations).toHaveLength(3);
    for (const r of t.recommendations) {
      expect(text).toContain(`[${r.technique.id}]`);
      expect(r.reasons.length).toBeGreaterThan(0);
      for (const reason of r.reasons) expect(reason.sources.length, reason.message).toBeGreaterThan(0);
    }
    const withPath = t.recommendations.flatMap((r: { reasons: Array<{ path: { text: string } | null }> }) => r.reasons).find((x: { path: unknown }) => x.path);
    expect(withPath).toBeTruthy();
    expect(text).toContain(`path: ${withPath.path.text}`);
    expect(t.excluded.length).toBeGreaterThan(0);
    expect(text).toContain(`Excluded (${t.excluded.length}`);
    const cited = t.excluded.find((e: { contraindications: unknown[] }) => e.contraindications.length)!;
    expect(text).toContain(
      `contraindication ${cited.contraindications[0].contraindication.id} (sources: ${cited.contraindications[0].sources.map((s: { id: string }) => s.id).join(', ')})`,
    );
  });

  it('tailor ranks techniques addressing the profile\u2019s targets first', async () => {
    const { text, structured } = await ok('tailor', { profile: { targets: ['avoidance'] }, first: 3 });
    const recs = structured.tailor.recommendations as Array<{ tier: string; technique: { id: string } }>;
    expect(recs[0].tier).toBe('TARGETED');
    expect(text).toContain(`[${recs[0].technique.id}], TARGETED, score`);
  });

  it('validate_plan flags exposure before stabilisation for a risky profile, with paths and sources', async () => {
    const { text, structured } = await ok('validate_plan', { steps: ['prolonged-exposure-imaginal', 'grounding'], profile: { risks: ['RECENT_SELF_HARM'] } });
    const p = structured.validatePlan;
    expect(p.valid).toBe(false);
    expect(text).toContain('NOT VALID');
    expect(p.violations.length).toBeGreaterThan(0);
    const withPath = p.violations.find((v: { path: unknown }) => v.path);
    expect(withPath).toBeTruthy();
    expect(text).toContain(withPath.path.text);
    expect(text).toContain(withPath.message);

    const fine = await ok('validate_plan', { steps: ['grounding', 'safety-planning'] });
    expect(fine.structured.validatePlan.valid).toBe(true);
    expect(fine.text).toMatch(/^Plan VALID/);
  });

  it('model_overlap gives Jaccard per dimension and the contradicting tenets as cited paths', async () => {
    const { text, structured } = await ok('model_overlap', { modelA: 'cognitive-behavioral-therapy', modelB: 'psychoanalysis' });
    const o = structured.modelOverlap;
    expect(o.dimensions.map((d: { dimension: string }) => d.dimension)).toEqual(['TECHNIQUES', 'MECHANISMS', 'MODALITIES', 'TENETS', 'COMMON_FACTORS']);
    for (const d of o.dimensions) expect(text).toContain(`- ${d.dimension}: Jaccard`);
    expect(o.disagreements.length).toBeGreaterThan(0);
    for (const d of o.disagreements) {
      expect(text).toContain(d.path.text);
      expect(d.sources.length).toBeGreaterThan(0);
    }
  });

  describe('errors are tool errors that lead with the stable code', () => {
    it('NOT_FOUND for an unknown id, naming the argument', async () => {
      expect(await failure('assimilation_check', { baseModelId: 'no-such-model', techniqueId: 'thought-record' })).toMatch(
        /^NOT_FOUND: .*no-such-model.*\(argument: baseModelId\).*search tool/,
      );
      expect(await failure('describe', { id: 'no-such-entity' })).toMatch(/^NOT_FOUND: No entity with id "no-such-entity"/);
      expect(await failure('model_overlap', { modelA: 'cognitive-behavioral-therapy', modelB: 'thought-record' })).toMatch(
        /^NOT_FOUND: .*\(argument: modelB\)/,
      );
      expect(await failure('validate_plan', { steps: ['grounding', 'no-such-technique'] })).toMatch(/^NOT_FOUND: .*no-such-technique/);
    });

    it('BAD_USER_INPUT for arguments the schema or the service refuse', async () => {
      expect(await failure('tailor', { profile: { reactance: 'EXTREME' } })).toMatch(/BAD_USER_INPUT: profile.reactance is one of LOW, MODERATE, HIGH/);
      expect(await failure('tailor', { profile: {}, first: 500 })).toMatch(/BAD_USER_INPUT: first is at most 10/);
      expect(await failure('tailor', { profile: { mood: 'LOW' } })).toMatch(/BAD_USER_INPUT/);
      expect(await failure('describe', {})).toMatch(/BAD_USER_INPUT: id must be a string id/);
      // Limits the service itself enforces reach the client with the service's code and the tool's argument name.
      expect(await failure('search', { query: 'x'.repeat(201) })).toMatch(/^BAD_USER_INPUT: .*200 characters \(argument: query\)/);
      expect(await failure('validate_plan', { steps: Array(51).fill('grounding') })).toMatch(/^BAD_USER_INPUT: A plan has at most 50 steps/);
    });

    it('an unknown tool (e.g. a write) is refused', async () => {
      const { result } = await call('delete_entity', { id: 'thought-record' });
      expect(result.isError).toBe(true);
    });
  });

  describe('the endpoint', () => {
    it('is stateless: GET and DELETE answer 405 with Allow: POST', async () => {
      for (const method of ['GET', 'DELETE']) {
        const res = await fetch(`${baseUrl()}/mcp`, { method, headers: { accept: 'text/event-stream' } });
        expect(res.status, method).toBe(405);
        expect(res.headers.get('allow')).toBe('POST');
      }
    });

    it('refuses cross-origin browser requests and foreign Host headers (DNS rebinding)', async () => {
      const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
      const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
      const foreign = await fetch(`${baseUrl()}/mcp`, { method: 'POST', headers: { ...headers, origin: 'http://evil.example' }, body });
      expect(foreign.status).toBe(403);
      const url = new URL(`${baseUrl()}/mcp`);
      const sameOrigin = await fetch(url, { method: 'POST', headers: { ...headers, origin: url.origin }, body });
      expect(sameOrigin.status).toBe(200);
      const status = await new Promise<number>((done, fail) => {
        const req = request({ host: url.hostname, port: url.port, path: '/mcp', method: 'POST', headers: { ...headers, host: 'evil.example' } }, (res) => {
          res.resume();
          done(res.statusCode ?? 0);
        });
        req.on('error', fail);
        req.end(body);
      });
      expect(status).toBe(403);
    });
  });
});

const passedOn = () =>
  Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => /^(NEO4J_(USER|PASSWORD|DATABASE)|IPKG_)/.test(e[0]) && e[1] !== undefined),
  );

describe('MCP over stdio (ipkg mcp)', () => {
  it('a client that spawns `node bin/ipkg.js mcp` against the test database lists and calls the tools', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [resolve('bin/ipkg.js'), 'mcp'],
      cwd: resolve('.'),
      // The test database, with the credentials and settings this run was given (an external NEO4J_URI may need them).
      env: { ...getDefaultEnvironment(), ...passedOn(), NEO4J_URI: inject('neo4jUri') },
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const stdio = new Client({ name: 'ipkg-stdio-test', version: '1.0.0' });
    try {
      await stdio.connect(transport);
      const { tools } = await stdio.listTools();
      expect(tools.map((t) => t.name).sort(), stderr).toEqual(TOOLS);
      const r = (await stdio.callTool({
        name: 'assimilation_check',
        arguments: { baseModelId: 'psychodynamic-therapy', techniqueId: 'thought-record' },
      })) as CallToolResult;
      expect(r.isError, stderr).toBeFalsy();
      expect((r.structuredContent as any).assimilationCheck.compatible).toBe(true);
      expect((r.content[0] as { text: string }).text).toMatch(DISCLAIMER);
    } finally {
      await stdio.close();
    }
    // stdout carried only the protocol; the startup log went to stderr.
    expect(stderr).toContain('ipkg mcp: serving the tools on stdio');
  });
});

import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, inject, it } from 'vitest';

/**
 * `ipkg query` answers through the service's GraphQL server (src/graphql/apollo.ts): the same limits, error
 * formatting and read caches, against the test database.
 */

const passedOn = () =>
  Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => /^(NEO4J_(USER|PASSWORD|DATABASE)|IPKG_)/.test(e[0]) && e[1] !== undefined),
  );

function query(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: any; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [resolve('bin/ipkg.js'), 'query', ...args],
      { cwd: resolve('.'), env: { ...process.env, ...passedOn(), NEO4J_URI: inject('neo4jUri'), ...env }, timeout: 120_000 },
      (err, stdout, stderr) => {
        let out: unknown = stdout;
        try {
          out = JSON.parse(stdout);
        } catch {
          // left as text: the assertion shows it
        }
        done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out, stderr });
      },
    );
  });
}

describe('ipkg query', () => {
  it('prints the answer and exits 0', { timeout: 120_000 }, async () => {
    const r = await query(['query($id: ID!) { model(id: $id) { id name } }', '--variables', '{"id":"psychoanalysis"}']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.out.data.model.id).toBe('psychoanalysis');
  });

  it("applies the service's query limits and error codes", { timeout: 120_000 }, async () => {
    const aliases = await query(['{ a: model(id: "psychoanalysis") { id } b: model(id: "psychoanalysis") { id } c: model(id: "psychoanalysis") { id } }'], {
      IPKG_MAX_ALIASES: '2',
    });
    expect(aliases.code).toBe(1);
    expect(aliases.out.errors[0].extensions.code).toBe('TOO_MANY_ALIASES');
    const unknown = await query(['{ assimilableTechniques(baseModelId: "no-such-model") { technique { id } } }']);
    expect(unknown.code).toBe(1);
    expect(unknown.out.errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'baseModelId' });
    expect(unknown.out.errors[0].extensions.stacktrace).toBeUndefined();
  });

  it('refuses a document over the size limit before parsing it, as the HTTP service does', async () => {
    const r = await query([`{ model(id: "psychoanalysis") { id ${'name '.repeat(20)} } }`], { IPKG_MAX_DOCUMENT_BYTES: '64' });
    expect(r.code).toBe(1);
    expect(r.out.errors[0].extensions.code).toBe('DOCUMENT_TOO_LARGE');
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NodeMap } from '../reasoning/graph.js';
import { CYPHER_DIR } from './cypher.js';
import { QUERIES, SCHEMA_FILES, type QueryName, type Run } from './queries.js';
import type { Db } from './run.js';

/**
 * The declaration of the named queries (src/db/queries.ts) is written by hand, so it is held to the files here,
 * without a database: one declaration per file and one file per declaration, and the same `$parameters`. The row
 * columns are checked against what Neo4j plans for each file in test/cypher-explain.int.test.ts.
 */

const files = readdirSync(CYPHER_DIR)
  .filter((f) => f.endsWith('.cypher'))
  .map((f) => basename(f, '.cypher'))
  .sort();
const schema = new Set<string>(SCHEMA_FILES);
const declared = Object.keys(QUERIES).sort();

/** `$name` parameters outside comments and strings (as test/cypher-explain.int.test.ts finds them). */
function parameters(text: string): string[] {
  const code = text.replace(/\/\/.*$/gm, '').replace(/'(?:[^'\\]|\\.)*'/g, "''");
  return [...new Set([...code.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]))].sort();
}

describe('the named-query declaration matches cypher/*.cypher', () => {
  it('declares every file run by name, and nothing else', () => {
    expect(declared).toEqual(files.filter((f) => !schema.has(f)));
  });

  it('lists schema files that exist', () => {
    for (const f of SCHEMA_FILES) expect(files, `cypher/${f}.cypher`).toContain(f);
  });

  it.each(declared)('%s: the declared parameters are the $parameters of its text', (name) => {
    const text = readFileSync(join(CYPHER_DIR, `${name}.cypher`), 'utf8');
    expect([...QUERIES[name as QueryName].params].sort()).toEqual(parameters(text));
  });

  it('finds parameters outside comments and strings only', () => {
    expect(parameters("// $nope\nMATCH (n {id: $id}) WHERE n.name = '$literal' AND n.x IN $ids RETURN n LIMIT $limit, $id")).toEqual(['id', 'ids', 'limit']);
  });
});

// Compile-time checks (npm run typecheck): never run, they only have to compile, or fail to where marked.
export function typeChecks(db: Db, run: Run): void {
  // @ts-expect-error a query with no declaration (and no file)
  void db.read('no-such-query');
  // @ts-expect-error a declared parameter left out
  void db.read('search', { query: 'x', labels: null });
  // @ts-expect-error a query with parameters needs them
  void db.read('search');
  // @ts-expect-error a parameter of the wrong type
  void db.read('list-by-label', { label: 1 });
  const rows: Promise<Array<{ node: NodeMap; score: number }>> = db.read('search', { query: 'x', labels: null, limit: 1 });
  void rows;
  void db.read('graph-counts');
  // @ts-expect-error rows have the declared columns only
  void run('seed-flip', { run: 'r' }).then((r) => r[0].changed);
  void run('audit-begin').then((r) => r[0].seq.toFixed());
}

import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { CYPHER_DIR } from '../src/db/cypher.js';
import { QUERIES, type QueryName } from '../src/db/queries.js';
import { testDb } from './db.js';

/**
 * Every cypher/*.cypher file, whichever exist when this runs, goes through `EXPLAIN` against the seeded test
 * database: Neo4j parses and plans it without running it, so a syntax error, a wrong function or procedure
 * signature, or a label, relationship type or property name the graph does not know shows at once, named by file.
 * EXPLAIN does not check that a full-text index named in a procedure call exists, so that is checked against
 * SHOW INDEXES, as is every index and constraint the schema files create (and every one they drop is gone).
 */

const { db, close } = testDb();
const database = loadConfig().neo4jDatabase;
afterAll(close);

const files = readdirSync(CYPHER_DIR)
  .filter((f) => f.endsWith('.cypher'))
  .sort();
const textOf = (file: string) => readFileSync(join(CYPHER_DIR, file), 'utf8').trim();

/** The runner's split for schema files (src/db/cypher.ts `statements`): `;` at a line end, comment lines dropped. */
const split = (text: string) =>
  text
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.replace(/^\s*\/\/.*$/gm, '').trim())
    .filter(Boolean);
const SCHEMA_COMMAND = /^(CREATE|DROP)\s+(OR\s+REPLACE\s+)?(\w+\s+)?(CONSTRAINT|INDEX)\b/i;
/** A schema file holds schema commands only and is run statement by statement; any other file is one query. */
const isSchemaFile = (text: string) => split(text).every((s) => SCHEMA_COMMAND.test(s));
const statementsOf = (text: string) => (isSchemaFile(text) ? split(text) : [text]);

/** `$name` parameters outside comments and strings. EXPLAIN needs each present; null types as anything. */
function placeholders(query: string): Record<string, null> {
  const code = query.replace(/\/\/.*$/gm, '').replace(/'(?:[^'\\]|\\.)*'/g, "''");
  return Object.fromEntries([...code.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => [m[1], null]));
}

/**
 * Notifications that mean the query names something the graph does not hold. The test graph is the full seed,
 * so a name it lacks is a typo, unless it is an optional field the seed vocabulary (src/seed/kinds.ts) allows and
 * no seed entry uses yet: those are listed here, each with the reason.
 */
const UNKNOWN_NAME = /UnknownLabelWarning|UnknownRelationshipTypeWarning|UnknownPropertyKeyWarning/;
const OPTIONAL_AND_UNUSED: Record<string, string> = {
  phaseNote: 'Technique.phaseNote explains a technique without a phase; every seeded technique has a phase',
};

interface Explained {
  error?: string;
  unknown: string[];
  /** The result columns Neo4j plans for the statement (EXPLAIN returns no rows, but names its columns). */
  columns: string[];
}

async function explain(statement: string): Promise<Explained> {
  // Write access, so write queries plan as they would run; EXPLAIN itself never executes anything.
  const session = db.driver.session({ database, defaultAccessMode: neo4j.session.WRITE });
  try {
    const running = session.run(`EXPLAIN ${statement}`, placeholders(statement));
    const columns = await running.keys();
    const result = await running;
    const unknown = result.summary.notifications
      .filter((n) => UNKNOWN_NAME.test(n.code))
      .map((n) => `${n.code.replace(/.*\./, '')}: ${/\(the missing \w+ name is: ([^)]+)\)/.exec(n.description)?.[1] ?? n.description}`)
      .filter((u) => !(u.replace(/.*: /, '') in OPTIONAL_AND_UNUSED));
    return { unknown, columns };
  } catch (err) {
    return { error: `${(err as { code?: string }).code ?? 'error'}: ${String((err as Error).message).split('\n')[0]}`, unknown: [], columns: [] };
  } finally {
    await session.close();
  }
}

interface IndexRow {
  name: string;
  state: string;
  type: string;
}
let indexes: Map<string, IndexRow>;
let constraints: Set<string>;

beforeAll(async () => {
  const session = db.driver.session({ database, defaultAccessMode: neo4j.session.READ });
  try {
    const idx = await session.run('SHOW INDEXES YIELD name, state, type');
    indexes = new Map(idx.records.map((r) => [r.get('name') as string, { name: r.get('name'), state: r.get('state'), type: r.get('type') }]));
    const con = await session.run('SHOW CONSTRAINTS YIELD name');
    constraints = new Set(con.records.map((r) => r.get('name') as string));
  } finally {
    await session.close();
  }
});

describe('every cypher/*.cypher file plans against the test database', () => {
  it('finds the query files', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files)('%s', async (file) => {
    const results = [];
    for (const statement of statementsOf(textOf(file))) results.push(await explain(statement));
    const errors = results.filter((r) => r.error).map((r) => r.error);
    expect(errors, `cypher/${file} does not plan`).toEqual([]);
    const unknown = results.flatMap((r) => r.unknown);
    expect(unknown, `cypher/${file} names what the seeded graph does not hold`).toEqual([]);
  });
});

describe('every named query returns the columns src/db/queries.ts declares for its rows', () => {
  const named = files
    .filter((f) => !isSchemaFile(textOf(f)))
    .map((f) => basename(f, '.cypher'))
    .sort();

  it('declares exactly the files that are not schema files', () => {
    expect(Object.keys(QUERIES).sort()).toEqual(named);
  });

  it.each(named)('%s', async (name) => {
    const { error, columns } = await explain(textOf(`${name}.cypher`));
    expect(error).toBeUndefined();
    expect([...columns].sort(), `cypher/${name}.cypher RETURN vs its declared row`).toEqual([...QUERIES[name as QueryName].columns].sort());
  });
});

/** What is wrong with the indexes and constraints a file uses, creates or drops (empty when nothing is). */
function indexProblems(text: string): string[] {
  const problems: string[] = [];
  // Full-text (and vector) indexes are named in procedure calls; EXPLAIN does not look them up.
  for (const m of text.matchAll(/db\.index\.(?:fulltext|vector)\.query\w+\(\s*'([^']+)'/g)) {
    const idx = indexes.get(m[1]);
    if (!idx) problems.push(`index ${m[1]} is used but does not exist`);
    else if (idx.state !== 'ONLINE') problems.push(`index ${m[1]} is ${idx.state}`);
  }
  if (!isSchemaFile(text)) return problems;
  for (const s of split(text)) {
    const m = /^(CREATE|DROP)\s+(?:\w+\s+)?(CONSTRAINT|INDEX)\s+`?(\w+)`?/i.exec(s);
    if (!m) continue; // an unnamed command: nothing to look up
    const [verb, kind, name] = [m[1].toUpperCase(), m[2].toUpperCase(), m[3]];
    const exists = kind === 'CONSTRAINT' ? constraints.has(name) : indexes.has(name);
    if (verb === 'CREATE' && !exists) problems.push(`${kind.toLowerCase()} ${name} is declared but does not exist`);
    if (verb === 'DROP' && exists) problems.push(`${kind.toLowerCase()} ${name} should be dropped but still exists`);
    const state = kind === 'INDEX' ? indexes.get(name)?.state : undefined;
    if (verb === 'CREATE' && state && state !== 'ONLINE') problems.push(`index ${name} is ${state}`);
  }
  return problems;
}

describe('the indexes the queries rely on exist and are online', () => {
  it.each(files)('%s', (file) => {
    expect(indexProblems(textOf(file)), `cypher/${file}`).toEqual([]);
  });

  it('a missing index or constraint fails the check', () => {
    expect(indexProblems("CALL db.index.fulltext.queryNodes('no_such_index', $q) YIELD node RETURN node")).toEqual([
      'index no_such_index is used but does not exist',
    ]);
    expect(indexProblems('CREATE CONSTRAINT no_such_constraint IF NOT EXISTS FOR (n:Entity) REQUIRE n.nope IS UNIQUE;')).toEqual([
      'constraint no_such_constraint is declared but does not exist',
    ]);
    const existing = [...indexes.keys()][0];
    expect(indexProblems(`DROP INDEX ${existing} IF EXISTS;`)).toEqual([`index ${existing} should be dropped but still exists`]);
  });
});

describe('the placeholder parameters', () => {
  it('name every $parameter once, outside comments and strings', () => {
    expect(placeholders("// $nope\nMATCH (n {id: $id}) WHERE n.name = '$literal' AND n.x IN $ids RETURN n LIMIT $limit")).toEqual({
      id: null,
      ids: null,
      limit: null,
    });
  });

  it('a broken query fails the check, named by its file', async () => {
    expect((await explain('MATCH (n:Entity RETURN n')).error).toMatch(/SyntaxError/);
    expect((await explain('MATCH (n:Entity)-[:USSES]->(t:Techniqe) RETURN n.nmae')).unknown).toEqual([
      expect.stringMatching(/USSES|Techniqe|nmae/),
      expect.stringMatching(/USSES|Techniqe|nmae/),
      expect.stringMatching(/USSES|Techniqe|nmae/),
    ]);
  });

  it('schema files are split into their statements, as the runner does', () => {
    expect(basename(CYPHER_DIR)).toBe('cypher');
    const constraints = textOf('constraints.cypher');
    expect(isSchemaFile(constraints)).toBe(true);
    expect(statementsOf(constraints).length).toBeGreaterThan(5);
    expect(isSchemaFile(textOf('nodes-by-id.cypher'))).toBe(false);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folder of named queries: one `.cypher` file per question; the file name is the query's name. */
export const CYPHER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../cypher');

let cache: Map<string, string> | undefined;

/** Reads every cypher/*.cypher once. Comments (`//`) stay in: Neo4j ignores them and they help in query logs. */
export function loadQueries(dir = CYPHER_DIR): Map<string, string> {
  if (cache && dir === CYPHER_DIR) return cache;
  const map = new Map<string, string>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.cypher'))
    .sort()) {
    map.set(basename(file, '.cypher'), readFileSync(join(dir, file), 'utf8').trim());
  }
  if (dir === CYPHER_DIR) cache = map;
  return map;
}

/** The text of a named query; throws at first use of a name that has no file, so typos fail fast. */
export function cypher(name: string): string {
  const text = loadQueries().get(name);
  if (text === undefined) throw new Error(`No Cypher file cypher/${name}.cypher`);
  return text;
}

/** Splits a file of schema statements (constraints, indexes) on `;` at line ends. */
export function statements(name: string): string[] {
  return cypher(name)
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.replace(/^\s*\/\/.*$/gm, '').trim())
    .filter(Boolean);
}

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * No Cypher is built from values: every query is a cypher/*.cypher file (or a fixed literal) and values travel as
 * parameters. This scans the sources, so a future `tx.run(\`MATCH (n {id: '${id}'})\`)` fails the build.
 */

const ROOT = join(import.meta.dirname, '..');

function files(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p, ext));
    else if (name.endsWith(ext) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** The first argument of a call starting at `open` (the index of its `(`), up to a top-level `,` or `)`. */
function firstArgument(text: string, open: number): string {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      if (depth === 0) return text.slice(open + 1, i);
      depth--;
    } else if (c === ',' && depth === 0) return text.slice(open + 1, i);
  }
  return text.slice(open + 1);
}

const INTERPOLATED = /`[^`]*\$\{/; // a template literal with a substitution
const CONCATENATED = /(['"`][^'"`]*['"`]\s*\+|\+\s*['"`])/; // a string literal joined with +
const CYPHER_WORDS = /\b(MATCH|MERGE|CREATE|DELETE|DETACH|UNWIND|RETURN|SET|REMOVE|CALL|WHERE)\b/;
const CALLS = /\b(?:run|executeQuery|executeRead|executeWrite)\s*\(/g;

/** Problems in one TypeScript source: calls whose query text is built, and Cypher-looking strings built from values. */
export function scanTypeScript(text: string): string[] {
  const problems: string[] = [];
  for (const m of text.matchAll(CALLS)) {
    const arg = firstArgument(text, m.index! + m[0].length - 1).trim();
    if (INTERPOLATED.test(arg) || CONCATENATED.test(arg)) problems.push(`query text built with values: ${m[0]}${arg.slice(0, 80)}`);
    // A variable as the query: it must not itself be assigned a built string.
    if (/^[A-Za-z_$][\w$]*$/.test(arg)) {
      const assigned = new RegExp(`\\b(?:const|let|var)\\s+${arg}\\s*=\\s*([^;]+)`).exec(text)?.[1] ?? '';
      if (INTERPOLATED.test(assigned) || (CONCATENATED.test(assigned) && CYPHER_WORDS.test(assigned)))
        problems.push(`query variable ${arg} is built with values: ${assigned.slice(0, 80)}`);
    }
  }
  for (const m of text.matchAll(/`([^`]*)`/g)) {
    if (m[1].includes('${') && CYPHER_WORDS.test(m[1]) && /\(\w*(:\w+)?[^)]*\)|\[\w*:\w+\]/.test(m[1]) && /\b(MATCH|MERGE|CREATE)\b/.test(m[1])) {
      problems.push(`Cypher-like template literal with a substitution: \`${m[1].slice(0, 80)}\``);
    }
  }
  return problems;
}

/** Problems in one .cypher file: text substituted in by anything but Neo4j parameters. */
export function scanCypher(text: string): string[] {
  const problems: string[] = [];
  const code = text.replace(/\/\/.*$/gm, '');
  if (/\$\{/.test(code)) problems.push('template placeholder ${...}');
  if (/\{\{|%s|%\(/.test(code)) problems.push('format placeholder ({{ }}, %s)');
  if (/apoc\.cypher\.(run|doIt|runMany|runWrite)|apoc\.do\.|db\.cypher/i.test(code)) problems.push('runs Cypher built at run time (apoc.cypher.*)');
  // Dynamic labels and types, $(...), must come from parameters or bound variables, never from string literals joined together.
  for (const m of code.matchAll(/\$\(([^)]*)\)/g)) if (/['"+]/.test(m[1])) problems.push(`dynamic label/type from text: $(${m[1]})`);
  return problems;
}

describe('no Cypher is built from values', () => {
  it('the scanners catch what they must and pass what they must (they can fail)', () => {
    expect(scanTypeScript('await tx.run(`MATCH (n {id: "${id}"}) RETURN n`)')).toHaveLength(2);
    expect(scanTypeScript("await session.run('MATCH (n) WHERE n.id = ' + id)")).toHaveLength(1);
    expect(scanTypeScript('const q = `MATCH (n:${label}) RETURN n`;\nawait driver.executeQuery(q, {})')).not.toHaveLength(0);
    expect(scanTypeScript("const q = 'MATCH (n) WHERE n.id = ' + id;\nawait tx.run(q)")).toHaveLength(1);
    expect(scanTypeScript('await tx.run(cypher(name), toParams(params))')).toEqual([]);
    expect(scanTypeScript("await session.run('CALL db.awaitIndexes(60)')")).toEqual([]);
    expect(scanTypeScript('log(`seed: nodes ${done}/${total}`)')).toEqual([]);
    expect(scanCypher("MATCH (n {id: '${id}'}) RETURN n")).toHaveLength(1);
    expect(scanCypher("CALL apoc.cypher.run('MATCH (n) RETURN n', {})")).toHaveLength(1);
    expect(scanCypher("MATCH (n:$('Mod' + 'el')) RETURN n")).toHaveLength(1);
    expect(scanCypher('MERGE (a)-[r:$(row.type)]->(b) SET n:$($label)')).toEqual([]);
  });

  it('src/**/*.ts builds no query text from values', () => {
    // src/seed/derived.ts renders committed .cypher files from the ontology declaration at build time (npm run
    // codegen), as codegen renders generated.ts; nothing runs its text (it imports no database code), and the files
    // it writes are scanned with the others below.
    const derived = join(ROOT, 'src/seed/derived.ts');
    expect(readFileSync(derived, 'utf8')).not.toMatch(/from '\.\.\/db\/|neo4j-driver/);
    const found = files(join(ROOT, 'src'), '.ts')
      .filter((f) => !f.endsWith('.test.ts') && !f.endsWith('generated.ts') && f !== derived)
      .flatMap((f) => scanTypeScript(readFileSync(f, 'utf8')).map((p) => `${relative(ROOT, f)}: ${p}`));
    expect(found).toEqual([]);
  });

  it('cypher/*.cypher take values only as parameters', () => {
    const all = files(join(ROOT, 'cypher'), '.cypher');
    expect(all.length).toBeGreaterThan(10);
    const found = all.flatMap((f) => scanCypher(readFileSync(f, 'utf8')).map((p) => `${relative(ROOT, f)}: ${p}`));
    expect(found).toEqual([]);
  });
});

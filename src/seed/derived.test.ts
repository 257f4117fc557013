import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { derivedFiles } from './derived.js';
import { LABELS } from './kinds.js';

describe('files derived from the ontology declaration', () => {
  it.each(Object.entries(derivedFiles()))('%s is committed as src/seed/kinds.ts renders it (npm run codegen)', (path, text) => {
    expect(readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8')).toBe(text);
  });

  it('list-by-label has one branch per label, each reading only its label', () => {
    const text = derivedFiles()['cypher/list-by-label.cypher'];
    const branches = [...text.matchAll(/\$label = '(\w+)' MATCH \(n:Entity:(\w+)\)/g)];
    expect(branches.map((m) => m[1])).toEqual(LABELS);
    for (const m of branches) expect(m[2]).toBe(m[1]);
  });
});

import { Kind, parse, validate, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../config.js';
import { checkLimits, measure } from '../graphql/limits.js';
import { operations } from './operations.js';
import { TOOL_MAX_FIRST } from './tools.js';
import { entityTypes, sdlSchema } from './vocabulary.js';

describe('the MCP tools\u2019 GraphQL operations', () => {
  const ops = Object.entries(operations());

  it.each(ops)('%s is one named query that validates against the SDL', (_name, doc) => {
    const document = parse(doc);
    expect(validate(sdlSchema(), document).map(String)).toEqual([]);
    const defs = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    expect(defs).toHaveLength(1);
    expect(defs[0].operation).toBe('query');
    expect(defs[0].name?.value).toMatch(/^Mcp/);
  });

  it.each(ops)('%s fits the default query limits at the tool\u2019s largest page', (name, doc) => {
    const document = parse(doc);
    const op = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    const first = TOOL_MAX_FIRST[name as keyof typeof TOOL_MAX_FIRST];
    const m = measure(sdlSchema(), document, op, first === undefined ? {} : { first }, DEFAULT_LIMITS.listCost);
    expect(checkLimits(m, DEFAULT_LIMITS)?.message).toBeUndefined();
    expect(Buffer.byteLength(doc)).toBeLessThanOrEqual(DEFAULT_LIMITS.maxDocumentBytes);
  });

  it('describe covers every entity type of the SDL', () => {
    const doc = operations().describe;
    for (const t of entityTypes()) expect(doc).toContain(`... on ${t.name} {`);
    expect(entityTypes().map((t) => t.name)).toEqual(expect.arrayContaining(['Model', 'Technique', 'Source', 'Tenet']));
  });
});

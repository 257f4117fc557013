import { readFileSync } from 'node:fs';
import { buildSchema, GraphQLEnumType, GraphQLObjectType, isInterfaceType, type GraphQLNamedType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { typeDefs } from '../graphql/schema.js';
import { KINDS, LABELS, REL_TYPES, type FieldSpec } from './kinds.js';

/**
 * The seed vocabulary (src/seed/kinds.ts) is THE declaration of the ontology. Every other copy (the SDL, the
 * codegen mappers, the id constraints, the search types) is checked against it here, without a database, so adding
 * a kind or a relationship type in one place and forgetting another fails at once.
 */
const schema = buildSchema(typeDefs());
const enumValues = (name: string) =>
  (schema.getType(name) as GraphQLEnumType)
    .getValues()
    .map((v) => v.name)
    .sort();
const screaming = (label: string) => label.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();

describe('the ontology has one declaration', () => {
  it('every node label is a GraphQL type implementing Node, with a version for curation', () => {
    for (const label of LABELS) {
      const type: GraphQLNamedType | undefined = schema.getType(label);
      expect(type, label).toBeInstanceOf(GraphQLObjectType);
      const object = type as GraphQLObjectType;
      expect(
        object.getInterfaces().map((i) => i.name),
        label,
      ).toContain('Node');
      expect(Object.keys(object.getFields()), label).toContain('version');
    }
    // And no GraphQL Node type exists that the vocabulary does not declare.
    const node = schema.getType('Node');
    expect(isInterfaceType(node)).toBe(true);
    const implementing = schema
      .getImplementations(node as never)
      .objects.map((o) => o.name)
      .sort();
    expect(implementing).toEqual([...LABELS].sort());
  });

  it('the RelationshipType enum lists exactly the relationship types the vocabulary declares', () => {
    expect(enumValues('RelationshipType')).toEqual([...REL_TYPES].sort());
  });

  it('the search type filter covers every label', () => {
    expect(enumValues('EntityType')).toEqual(LABELS.map(screaming).sort());
  });

  it('every enum the vocabulary uses for a field exists in the SDL with the same values', () => {
    // Which SDL enum carries each seed field's values, where the API exposes the field.
    const sdlEnum: Record<string, string> = {
      'Source.type': 'SourceType',
      'Model.kind': 'ModelKind',
      'Model.orientation': 'Orientation',
      'Tenet.kind': 'TenetKind',
      'Tenet.excludesDirectiveness': 'Level',
      'Tenet.excludesStructure': 'Level',
      'Technique.directiveness': 'Level',
      'Technique.structure': 'Level',
      'Technique.intensity': 'Level',
      'Technique.focus': 'Focus',
      'Technique.formats': 'Format',
      'Contraindication.risk': 'RiskFlag',
      'Target.risks': 'RiskFlag',
      'StageOfChange.stage': 'StageOfChangeValue',
      'ProcessOfChange.kind': 'ProcessKind',
    };
    const seen = new Set<string>();
    for (const k of KINDS) {
      for (const [field, spec] of Object.entries(k.fields) as Array<[string, FieldSpec]>) {
        if (spec.type !== 'enum' && spec.type !== 'enums') continue;
        const key = `${k.label}.${field}`;
        if (!(key in sdlEnum)) continue; // profile fields of ClientFactor are free strings in the API
        seen.add(key);
        expect(enumValues(sdlEnum[key]), key).toEqual([...spec.values].sort());
        // The field is exposed on its type.
        expect(Object.keys((schema.getType(k.label) as GraphQLObjectType).getFields()), key).toContain(field);
      }
    }
    expect([...seen].sort()).toEqual(Object.keys(sdlEnum).sort());
    expect(enumValues('EvidenceLevel')).toEqual(['CONSENSUS', 'EXPERT_OPINION', 'META_ANALYSIS', 'OBSERVATIONAL', 'RCT', 'THEORETICAL']);
    const severity = KINDS.flatMap((k) => k.edges)
      .flatMap((e) => e.props ?? [])
      .find((p) => p.name === 'severity')!;
    expect(enumValues('Severity')).toEqual([...severity.values!].sort());
  });

  it('the generated resolver types take every label as an entity record, and every label has an id constraint', () => {
    // codegen.ts derives these mappers from KINDS; the committed output must show it (CI regenerates and diffs it).
    const generated = readFileSync('src/graphql/generated.ts', 'utf8');
    const constraints = readFileSync('cypher/constraints.cypher', 'utf8');
    for (const label of LABELS) {
      expect(generated, label).toMatch(new RegExp(`\\b${label}: ResolverTypeWrapper<EntityRecord>`));
      expect(constraints, label).toMatch(new RegExp(`FOR \\(n:${label}\\) REQUIRE n\\.id IS UNIQUE`));
    }
  });
});

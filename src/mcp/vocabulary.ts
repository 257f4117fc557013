import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isObjectType,
  isScalarType,
  type GraphQLSchema,
} from 'graphql';
import { typeDefs } from '../graphql/schema.js';

/**
 * What the MCP tools need to know about the SDL, read from the SDL itself so the tools follow it: its enums and the
 * client-profile input (for the input schemas an LLM sees) and the entity types with their plain fields (for
 * `describe`).
 */

let schema: GraphQLSchema | undefined;
const sdl = (): GraphQLSchema => (schema ??= buildSchema(typeDefs()));

/** The values of a GraphQL enum, in SDL order. */
export function enumValues(name: string): [string, ...string[]] {
  const type = sdl().getType(name);
  if (!isEnumType(type)) throw new Error(`schema: ${name} is not an enum`);
  const values = type.getValues().map((v) => v.name);
  if (!values.length) throw new Error(`schema: enum ${name} has no values`);
  return values as [string, ...string[]];
}

export interface InputField {
  name: string;
  description?: string;
  list: boolean;
  /** The enum's values, for an enum field. */
  values?: [string, ...string[]];
  /** The scalar's name, for a scalar field. */
  scalar?: string;
}

/** The fields of a GraphQL input object, in SDL order (enum and scalar fields, or lists of them). */
export function inputFields(name: string): InputField[] {
  const type = sdl().getType(name);
  if (!isInputObjectType(type)) throw new Error(`schema: ${name} is not an input type`);
  return Object.values(type.getFields()).map((f) => {
    const named = getNamedType(f.type);
    const list = isListType(getNullableType(f.type));
    if (isEnumType(named)) return { name: f.name, description: f.description ?? undefined, list, values: enumValues(named.name) };
    if (isScalarType(named)) return { name: f.name, description: f.description ?? undefined, list, scalar: named.name };
    throw new Error(`schema: ${name}.${f.name} is neither an enum nor a scalar; the MCP input schema does not cover it yet`);
  });
}

export interface EntityField {
  name: string;
  /**
   * Set where types share a field name with different types (Model.kind is a ModelKind, Tenet.kind a TenetKind):
   * one selection over all entity types cannot ask for both under one name, so these are aliased.
   */
  alias?: string;
}

export interface EntityType {
  name: string;
  /** Scalar and enum fields without arguments; `version` is left out (it is for curation). */
  fields: EntityField[];
  /** Whether the type has `links` (every entity but Source). */
  hasLinks: boolean;
}

let types: EntityType[] | undefined;
const aliases = new Map<string, string>();

/** Every object type implementing Node, ordered by name. */
export function entityTypes(): EntityType[] {
  if (types) return types;
  const s = sdl();
  const node = s.getType('Node');
  const objects = Object.values(s.getTypeMap())
    .filter(isObjectType)
    .filter((t) => !t.name.startsWith('__') && t.getInterfaces().some((i) => i === node));
  const plain = new Map(
    objects.map((t) => [t.name, Object.values(t.getFields()).filter((f) => f.args.length === 0 && isLeafType(getNamedType(f.type)) && f.name !== 'version')]),
  );
  const typesOf = new Map<string, Set<string>>();
  for (const fields of plain.values()) for (const f of fields) typesOf.set(f.name, (typesOf.get(f.name) ?? new Set()).add(String(f.type)));
  types = objects
    .map((t) => ({
      name: t.name,
      fields: plain.get(t.name)!.map((f) => {
        if (typesOf.get(f.name)!.size === 1) return { name: f.name };
        const alias = `${t.name[0].toLowerCase()}${t.name.slice(1)}${f.name[0].toUpperCase()}${f.name.slice(1)}`;
        aliases.set(alias, f.name);
        return { name: f.name, alias };
      }),
      hasLinks: 'links' in t.getFields(),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  return types;
}

/** The field name behind a response key of the describe operation (modelKind -> kind). */
export function fieldOfKey(key: string): string {
  entityTypes();
  return aliases.get(key) ?? key;
}

/** The schema the documents are checked against in unit tests (a copy of the SDL, not Apollo's). */
export const sdlSchema = sdl;

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NonNegativeIntResolver, PositiveIntResolver } from 'graphql-scalars';
import type { Resolvers } from './generated.js';
import { curationResolvers } from './resolvers/curation.js';
import { entityResolvers } from './resolvers/entities.js';
import { mappingResolvers } from './resolvers/mappings.js';
import { reasoningResolvers } from './resolvers/reasoning.js';
import { researchResolvers } from './resolvers/research.js';

export const SCHEMA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../schema');

/** The SDL, one file per area; the single source of truth for the API and for the generated resolver types. */
export function typeDefs(): string {
  return readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => readFileSync(join(SCHEMA_DIR, f), 'utf8'))
    .join('\n');
}

export const resolvers: Resolvers[] = [
  { NonNegativeInt: NonNegativeIntResolver, PositiveInt: PositiveIntResolver } as Resolvers,
  entityResolvers,
  mappingResolvers,
  curationResolvers,
  reasoningResolvers,
  researchResolvers,
];

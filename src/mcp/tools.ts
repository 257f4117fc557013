import { createRequire } from 'node:module';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { ErrorCode } from '../graphql/errors.js';
import { DISCLAIMER } from '../reasoning/graph.js';
import type { Execute, GraphQLAnswer } from './execute.js';
import { operations } from './operations.js';
import { renderAssimilation, renderDescribe, renderOverlap, renderPlan, renderSearch, renderTailor, type SearchHits } from './render.js';
import { enumValues, inputFields } from './vocabulary.js';

/**
 * The MCP tools: the service's read questions, each one GraphQL operation (operations.ts) run through `execute`.
 * Read-only by construction: no tool runs a mutation. Answers carry the GraphQL data as structured content and a
 * text rendering with paths, source ids and the disclaimer; failures are tool errors whose text starts with the
 * service's stable error code.
 */

const VERSION = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

/** The largest `first` each paged tool accepts (kept within the default query-cost limit; operations.test.ts). */
export const TOOL_MAX_FIRST = { search: 50, tailor: 10 } as const;

const INSTRUCTIONS = `ipkg is a sourced knowledge graph of psychotherapy integration: schools and integrative models, techniques,
mechanisms of change, tenets (claims about pathology and change), contraindications, client factors and the literature behind them.
Every answer comes with the graph path that justifies it and the ids of its sources. Ids are stable kebab-case strings
(e.g. psychodynamic-therapy, thought-record); find them with the search tool, then pass them to the other tools.
${DISCLAIMER}`;

// Argument errors are reported by the SDK before a tool runs; each message starts with the stable code.
const bad = (text: string) => ({ error: `${ErrorCode.BAD_USER_INPUT}: ${text}` });

const entityId = (what: string, hint: string) =>
  z
    .string(bad(`${what} must be a string id`))
    .min(1, bad(`${what} must not be empty`))
    .describe(`${hint} Ids are stable kebab-case strings; get them from the search tool.`);

/** What each profile field means, for the model; fields the SDL adds later fall back to their SDL description. */
const PROFILE_HINTS: Record<string, string> = {
  stageOfChange: "The client's stage of change in the transtheoretical model.",
  psychologicalMindedness: 'Capacity and interest for reflecting on inner experience.',
  emotionalReactivity: 'How strongly and quickly the client reacts emotionally.',
  reactance: 'How strongly the client resists direction by others (high reactance favours less directive work).',
  relationalStyle: 'Attachment-informed relational style.',
  learningStyle: 'How the client learns best.',
  copingStyle: 'INTERNALIZING (self-critical, withdrawn) or EXTERNALIZING (impulsive, acting out).',
  format: 'The treatment format; techniques not delivered in it are left out.',
  risks: 'Risk flags present; they rule out contraindicated techniques, add cautions and rank indicated techniques first.',
  targets: 'Ids of clinical targets to work on (find them with search, types ["TARGET"]); techniques that address them rank first.',
};

function scalarSchema(scalar: string, path: string): z.ZodType {
  switch (scalar) {
    case 'ID':
    case 'String':
      return z.string(bad(`${path} holds strings`)).min(1, bad(`${path} holds non-empty strings`));
    case 'Int':
      return z.number(bad(`${path} holds numbers`)).int(bad(`${path} holds integers`));
    case 'Float':
      return z.number(bad(`${path} holds numbers`));
    case 'Boolean':
      return z.boolean(bad(`${path} holds true or false`));
    default:
      throw new Error(`schema: profile field ${path} has the scalar ${scalar}, which the MCP input schema does not cover`);
  }
}

let profileCache: ReturnType<typeof buildProfileSchema> | undefined;
const profileSchema = () => (profileCache ??= buildProfileSchema());

/** The client profile as the SDL declares it (ClientProfileInput), every field optional. */
function buildProfileSchema() {
  const shape: Record<string, z.ZodOptional<z.ZodType>> = {};
  for (const f of inputFields('ClientProfileInput')) {
    const path = `profile.${f.name}`;
    const item = f.values ? z.enum(f.values, bad(`${path} ${f.list ? 'holds values of' : 'is one of'} ${f.values.join(', ')}`)) : scalarSchema(f.scalar!, path);
    const field = f.list ? z.array(item, bad(`${path} must be an array`)) : item;
    shape[f.name] = field.optional().describe(PROFILE_HINTS[f.name] ?? f.description ?? f.name);
  }
  return z
    .strictObject(shape, bad('profile is an object with only the documented fields (every field optional)'))
    .describe('A hypothetical client profile for education and research; every field is optional and an empty object is valid.');
}

const first = (max: number, fallback: number) =>
  z
    .number(bad('first must be a number'))
    .int(bad('first must be an integer'))
    .min(1, bad(`first is at least 1`))
    .max(max, bad(`first is at most ${max}`))
    .optional()
    .describe(`How many results to return (default ${fallback}, at most ${max}).`);

const READ_ONLY: ToolAnnotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

/** A tool error whose text leads with the stable code, then what to do about it. */
function toolError(code: string, message: string, field?: unknown): CallToolResult {
  const hint = code === ErrorCode.NOT_FOUND ? ' Find valid ids with the search tool.' : '';
  return { isError: true, content: [{ type: 'text', text: `${code}: ${message}${typeof field === 'string' ? ` (argument: ${field})` : ''}.${hint}` }] };
}

/** The first GraphQL error as a tool error; `args` renames GraphQL argument names to the tool's. */
function fromErrors(answer: GraphQLAnswer, args: Record<string, string>): CallToolResult | null {
  const e = answer.errors?.[0];
  if (!e) return null;
  const field = typeof e.extensions?.field === 'string' ? e.extensions.field.replace(/^\w+/, (f) => args[f] ?? f) : undefined;
  return toolError(String(e.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR), e.message.replace(/\.$/, ''), field);
}

interface Question<T> {
  query: string;
  variables: Record<string, unknown>;
  /** The root field the answer is under. */
  field: string;
  render: (value: T) => string;
  /** GraphQL argument names that the tool calls differently. */
  args?: Record<string, string>;
  /** The result when the root field is null. */
  missing?: () => CallToolResult;
}

/** Runs an operation and turns its answer into a tool result: GraphQL data plus the text rendering. */
async function answer<T>(execute: Execute, q: Question<T>): Promise<CallToolResult> {
  const result = await execute(q.query, q.variables);
  const failed = fromErrors(result, q.args ?? {});
  if (failed) return failed;
  const value = result.data?.[q.field] as T | null | undefined;
  if (value === null || value === undefined) return q.missing?.() ?? toolError(ErrorCode.INTERNAL_SERVER_ERROR, 'The service returned no answer');
  return { content: [{ type: 'text', text: q.render(value) }], structuredContent: { ...result.data, disclaimer: DISCLAIMER } };
}

/** Drops absent optional arguments, so GraphQL applies its own defaults. */
const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

export function createMcpServer(execute: Execute): McpServer {
  const ops = operations();
  const profile = profileSchema();
  const server = new McpServer({ name: 'ipkg', title: 'Integrative Psychotherapy Knowledge Graph', version: VERSION }, { instructions: INSTRUCTIONS });

  server.registerTool(
    'search',
    {
      title: 'Search the graph',
      description:
        'Full-text search over the names, aliases and descriptions of every entity (models, techniques, mechanisms, tenets, contraindications, client factors, sources, ...), best match first. Use it to find the ids the other tools take. The text is matched literally; the last word also matches as a prefix.',
      inputSchema: {
        query: z
          .string(bad('query must be a string'))
          .min(1, bad('query must not be empty'))
          .describe('Words to look for, e.g. "exposure" or "schema therapy" (at most 200 characters).'),
        types: z
          .array(z.enum(enumValues('EntityType'), bad(`types holds values of ${enumValues('EntityType').join(', ')}`)), bad('types must be an array'))
          .optional()
          .describe('Only entities of these kinds, e.g. ["MODEL"] or ["TECHNIQUE"]; all kinds when absent.'),
        first: first(TOOL_MAX_FIRST.search, 10),
      },
      annotations: { title: 'Search the graph', ...READ_ONLY },
    },
    ({ query, types, first: n }) =>
      answer(execute, {
        query: ops.search,
        variables: defined({ text: query, types, first: n ?? 10 }),
        field: 'search',
        args: { text: 'query' },
        render: (hits: SearchHits) => renderSearch(query, hits),
      }),
  );

  server.registerTool(
    'describe',
    {
      title: 'Describe an entity',
      description:
        'Everything the graph holds about one entity, by id: its kind, name, description and properties, the sources it rests on (with full citations) and its evidence level, and every relationship to its neighbours with the relationship type, direction, evidence and source ids. Works for any id, including source ids (citation keys) returned by the other tools.',
      inputSchema: { id: entityId('id', 'The id of any entity: a model, technique, mechanism, tenet, contraindication, source, ...') },
      annotations: { title: 'Describe an entity', ...READ_ONLY },
    },
    ({ id }) =>
      answer(execute, {
        query: ops.describe,
        variables: { id },
        field: 'node',
        render: renderDescribe,
        missing: () => toolError(ErrorCode.NOT_FOUND, `No entity with id "${id}"`, 'id'),
      }),
  );

  server.registerTool(
    'assimilation_check',
    {
      title: 'Assimilation check',
      description:
        "Can a technique be assimilated into a base therapy model without contradicting the base model's theory of pathology or change? Returns compatible/not, whether the base already uses it, the curated re-reading of the technique in the base theory where one exists, and each conflict as a cited path (technique -ACTS_THROUGH-> mechanism -CONTRADICTS-> tenet <-HOLDS- base model).",
      inputSchema: {
        baseModelId: entityId('baseModelId', 'The id of the base model (a school or integrative model), e.g. "psychodynamic-therapy".'),
        techniqueId: entityId('techniqueId', 'The id of the technique to import, e.g. "thought-record".'),
      },
      annotations: { title: 'Assimilation check', ...READ_ONLY },
    },
    ({ baseModelId, techniqueId }) =>
      answer(execute, { query: ops.assimilationCheck, variables: { baseModelId, techniqueId }, field: 'assimilationCheck', render: renderAssimilation }),
  );

  server.registerTool(
    'tailor',
    {
      title: 'Tailor techniques to a client profile',
      description:
        'Ranks techniques for a hypothetical client profile: each recommendation with its score and the reasons that make it up (client factor, weight, effect size where the literature gives one, sources, path), cautions that apply, and the techniques excluded by contraindications or by contradicting the base model. For education and research, not for treating a person.',
      inputSchema: {
        profile,
        baseModelId: entityId(
          'baseModelId',
          'Optional: the id of a base model; techniques contradicting its tenets are excluded and its own techniques score higher.',
        ).optional(),
        first: first(TOOL_MAX_FIRST.tailor, 5),
      },
      annotations: { title: 'Tailor techniques to a client profile', ...READ_ONLY },
    },
    ({ profile: p, baseModelId, first: n }) =>
      answer(execute, { query: ops.tailor, variables: defined({ profile: p, baseModelId, first: n ?? 5 }), field: 'tailor', render: renderTailor }),
  );

  server.registerTool(
    'validate_plan',
    {
      title: 'Validate a treatment sequence',
      description:
        'Checks an ordered sequence of techniques against the graph: prerequisites and ordering (e.g. stabilisation before exposure or insight work), phase order, contraindications for an optional profile, and contradictions with an optional base model. Returns valid/not and each violation or warning with its step index (from 0), message, path and source ids.',
      inputSchema: {
        steps: z
          .array(entityId('steps[]', 'A technique id.'), bad('steps must be an array of technique ids'))
          .min(1, bad('steps holds at least one technique id'))
          .describe('Technique ids in the order they would be used (at most 50), e.g. ["grounding", "prolonged-exposure-imaginal"].'),
        profile: profile.optional(),
        baseModelId: entityId('baseModelId', 'Optional: the id of a base model; steps contradicting its tenets are violations.').optional(),
      },
      annotations: { title: 'Validate a treatment sequence', ...READ_ONLY },
    },
    ({ steps, profile: p, baseModelId }) =>
      answer(execute, { query: ops.validatePlan, variables: defined({ steps, profile: p, baseModelId }), field: 'validatePlan', render: renderPlan }),
  );

  server.registerTool(
    'model_overlap',
    {
      title: 'Compare two models',
      description:
        'What two therapy models share, per dimension (techniques, mechanisms, BASIC I.D. modalities, tenets, common factors), with the Jaccard index of each dimension and overall, and the pairs of their tenets that contradict each other, each as a cited path (model -HOLDS-> tenet -CONTRADICTS- tenet <-HOLDS- model).',
      inputSchema: {
        modelA: entityId('modelA', 'The id of the first model, e.g. "cognitive-behavioral-therapy".'),
        modelB: entityId('modelB', 'The id of the second model, e.g. "psychoanalysis".'),
      },
      annotations: { title: 'Compare two models', ...READ_ONLY },
    },
    ({ modelA, modelB }) =>
      answer(execute, {
        query: ops.modelOverlap,
        variables: { a: modelA, b: modelB },
        field: 'modelOverlap',
        args: { a: 'modelA', b: 'modelB' },
        render: renderOverlap,
      }),
  );

  return server;
}

import { entityTypes } from './vocabulary.js';

/**
 * The GraphQL operations behind the MCP tools, one named operation per tool. Every tool call runs one of these
 * against the service's own schema in-process, so it goes through the same resolvers, DataLoaders, query limits
 * and read cache as a request to /graphql. Selections are sized to fit the default cost limit at each tool's
 * largest `first` (checked in operations.test.ts): sources are selected by id (the `describe` tool gives a
 * source's full citation), and tailoring's many reasons carry their path as text beside their own sources.
 */

const PATH = `fragment PathFields on GraphPath {
  text
  steps { from { id name } type to { id name } evidence sources { id } }
}`;

const LINK = `fragment LinkFields on Link {
  type direction node { __typename id name } evidence sources { id } reason role reframing severity
}`;

/** Per entity type: its plain fields and, except for sources, its relationships with their citations. */
function entityFragments(withLinks: boolean): string {
  return entityTypes()
    .map(
      (t) =>
        `    ... on ${t.name} { ${t.fields.map((f) => (f.alias ? `${f.alias}: ${f.name}` : f.name)).join(' ')}${withLinks && t.hasLinks ? ' links { ...LinkFields }' : ''} }`,
    )
    .join('\n');
}

/** A short line per entity type for search hits: the description where the type has one. */
function descriptionFragments(): string {
  return entityTypes()
    .filter((t) => t.fields.some((f) => f.name === 'description' && !f.alias))
    .map((t) => `      ... on ${t.name} { description }`)
    .join('\n');
}

let built: Operations | undefined;

export interface Operations {
  search: string;
  describe: string;
  assimilationCheck: string;
  tailor: string;
  validatePlan: string;
  modelOverlap: string;
}

/** The documents, built once (the entity fragments are read from the SDL). */
export function operations(): Operations {
  return (built ??= {
    search: `query McpSearch($text: String!, $types: [EntityType!], $first: Int) {
  search(text: $text, types: $types, first: $first) {
    score
    node {
      __typename id name
      ... on Sourced { evidence sources { id } }
${descriptionFragments()}
    }
  }
}`,

    describe: `query McpDescribe($id: ID!) {
  node(id: $id) {
    __typename id name
    ... on Sourced { evidence sources { id citation } }
${entityFragments(true)}
  }
}
${LINK}`,

    assimilationCheck: `query McpAssimilationCheck($baseModelId: ID!, $techniqueId: ID!) {
  assimilationCheck(baseModelId: $baseModelId, techniqueId: $techniqueId) {
    technique { id name }
    baseModel { id name }
    compatible native explanation reframing
    reframingPath { ...PathFields }
    conflicts {
      kind reason resolvedByReframing attributes
      tenet { id name } mechanism { id name } presupposedTenet { id name }
      path { ...PathFields }
    }
  }
}
${PATH}`,

    tailor: `query McpTailor($profile: ClientProfileInput!, $baseModelId: ID, $first: Int) {
  tailor(profile: $profile, baseModelId: $baseModelId, first: $first) {
    recommendations {
      technique { id name }
      tier score explanation
      reasons {
        factor weight message evidence sources { id }
        effectSize { metric value outcome source { id } }
        path { text }
      }
      cautions { contraindication { id name } severity reason sources { id } }
    }
    excluded {
      technique { id name }
      explanation
      contraindications { contraindication { id name } severity sources { id } }
      conflicts { kind tenet { id name } mechanism { id name } path { text } }
    }
    method disclaimer
  }
}`,

    validatePlan: `query McpValidatePlan($steps: [ID!]!, $profile: ClientProfileInput, $baseModelId: ID) {
  validatePlan(steps: $steps, profile: $profile, baseModelId: $baseModelId) {
    valid explanation
    violations { kind stepIndex technique { id name } message sources { id } path { ...PathFields } }
    warnings { kind stepIndex technique { id name } message sources { id } path { ...PathFields } }
  }
}
${PATH}`,

    modelOverlap: `query McpModelOverlap($a: ID!, $b: ID!) {
  modelOverlap(a: $a, b: $b) {
    a { id name }
    b { id name }
    jaccard
    dimensions { dimension jaccard shared { id name } onlyA { id } onlyB { id } }
    disagreements {
      tenetOfA { id name } tenetOfB { id name } reason evidence sources { id }
      path { ...PathFields }
    }
  }
}
${PATH}`,
  });
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from './config.js';
import { applySchema, openDatabase, type Database } from './db/open.js';
import { ensureLauncher } from './neo4j-local/launcher.js';
import { compileSeed, formatErrors } from './seed/compile.js';
import { loadSeed } from './seed/load.js';
import { syntheticGraph } from './seed/synthetic.js';

const USAGE = `ipkg: the Integrative Psychotherapy Knowledge Graph (education and research, not clinical advice)

Usage:
  ipkg serve                 run the GraphQL service (embedded Neo4j unless NEO4J_URI is set)
  ipkg seed [--prune] [--scale N]
                             validate seed/ and load it, in batches, all or nothing (idempotent; --prune removes
                             what the files dropped; --scale N adds synthetic copies to N times the curated graph,
                             for benchmarks: their names end in #k and they carry synthetic: true)
  ipkg check                 validate seed/ without a database
  ipkg export --format jsonld|graphml|csv|matrices [--out DIR]
                             write the graph to files (default DIR: export/); sources and evidence included
  ipkg release [--out DIR]   write a citable, versioned dataset folder (default DIR: releases/<data version>/):
                             every export, ro-crate-metadata.json, CITATION.cff, changes against the last release
  ipkg query '<graphql>' [--variables '<json>']
                             run one GraphQL operation in-process against the database and print the JSON result
  ipkg mcp                   serve the read questions as Model Context Protocol tools on stdio (docs/mcp.md)
  ipkg build-web             bundle the explorer and GraphiQL into dist/web (the service also does it on demand)
  ipkg neo4j-fetch           fetch the embedded Neo4j's jars (done automatically on first use)
  ipkg derive                write the files derived from the ontology declaration (npm run codegen runs it)
`;

const log = (line: string) => console.error(line);

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve': {
      const { startService } = await import('./server.js');
      const service = await startService(loadConfig(), { log });
      const stop = async (signal: string) => {
        log(`${signal}: draining requests, then closing...`);
        let code = 0;
        try {
          await service.close();
        } catch (err) {
          log(`shutdown: ${err instanceof Error ? err.message : String(err)}`);
          code = 1;
        }
        process.exit(code);
      };
      process.once('SIGTERM', () => void stop('SIGTERM'));
      process.once('SIGINT', () => void stop('SIGINT'));
      return new Promise<number>(() => {}); // runs until a signal
    }
    case 'check': {
      const { graph, errors } = compileSeed();
      if (errors.length) {
        console.error(formatErrors(errors));
        console.error(`seed check: ${errors.length} problem(s) in ${graph.files.length} file(s)`);
        return 1;
      }
      console.log(`seed check: OK, ${graph.nodes.length} nodes and ${graph.edges.length} relationships in ${graph.files.length} files`);
      return 0;
    }
    case 'seed': {
      const { graph: curated, errors } = compileSeed();
      if (errors.length) {
        console.error(formatErrors(errors));
        console.error(`seed: ${errors.length} problem(s); nothing was written`);
        return 1;
      }
      const scaleAt = rest.indexOf('--scale');
      const scale = scaleAt < 0 ? 1 : Number(rest[scaleAt + 1]);
      if (!Number.isInteger(scale) || scale < 1 || scale > 1000) {
        console.error('seed: --scale takes a whole number from 1 to 1000');
        return 2;
      }
      const graph = scale === 1 ? curated : syntheticGraph(curated, scale);
      if (scale > 1) log(`seed: ${scale}x the curated graph: ${graph.nodes.length} nodes, ${graph.edges.length} relationships (synthetic copies)`);
      const database = await openDatabase(loadConfig(), log);
      try {
        await applySchema(database.db);
        const r = await loadSeed(database.db, graph, { prune: rest.includes('--prune'), progress: log });
        console.log(
          `seed: ${r.nodesChanged} nodes and ${r.edgesChanged} relationships written` +
            (rest.includes('--prune') ? `, ${r.pruned.nodes} nodes and ${r.pruned.edges} relationships pruned` : '') +
            ` (data version ${r.dataVersion})`,
        );
        return 0;
      } finally {
        await database.close();
      }
    }
    case 'export':
      return exportCommand(rest);
    case 'release':
      return releaseCommand(rest);
    case 'query':
      return queryCommand(rest);
    case 'mcp': {
      // stdout is the protocol channel: logs (including the database's) go to stderr.
      const { serveStdio } = await import('./mcp/stdio.js');
      const config = loadConfig();
      await withDatabase((database) => serveStdio(config, database, log));
      return 0;
    }
    case 'build-web': {
      const { buildWeb, WEB_OUT } = await import('./http/web-bundle.js');
      await buildWeb();
      console.log(`build-web: bundles written to ${WEB_OUT}`);
      return 0;
    }
    case 'neo4j-fetch':
      await ensureLauncher(log);
      return 0;
    case 'derive': {
      const { derivedFiles } = await import('./seed/derived.js');
      for (const [path, text] of Object.entries(derivedFiles())) writeFileSync(fileURLToPath(new URL(`../${path}`, import.meta.url)), text);
      console.log(`derive: ${Object.keys(derivedFiles()).join(', ')} written from src/seed/kinds.ts`);
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return command ? 0 : 1;
    default:
      console.error(`ipkg: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

/** `--name value` options; anything else is positional. */
function parseArgs(args: string[]): { options: Map<string, string>; positional: string[] } {
  const options = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(args[i]);
    if (!m) positional.push(args[i]);
    else if (m[2] !== undefined) options.set(m[1], m[2]);
    else options.set(m[1], args[++i] ?? '');
  }
  return { options, positional };
}

/** Opens the database the service would use, applies the schema and seeds an empty graph, as `serve` does. */
async function withDatabase<T>(work: (database: Database) => Promise<T>, overrides: Partial<Config> = {}): Promise<T> {
  const { seedIfEmpty } = await import('./server.js');
  const database = await openDatabase({ ...loadConfig(), ...overrides }, log);
  try {
    await applySchema(database.db);
    await seedIfEmpty(database, log);
    return await work(database);
  } finally {
    await database.close();
  }
}

async function exportCommand(args: string[]): Promise<number> {
  const { FORMATS, exportFiles } = await import('./export/files.js');
  const { DEFAULT_BASE_IRI } = await import('./export/graph.js');
  const { readGraph } = await import('./export/read.js');
  const { options } = parseArgs(args);
  const format = options.get('format');
  if (!format || !(FORMATS as readonly string[]).includes(format)) {
    console.error(`ipkg export: --format must be one of ${FORMATS.join(', ')}`);
    return 2;
  }
  const out = resolve(options.get('out') || 'export');
  const graph = await withDatabase((database) => readGraph(database.db));
  mkdirSync(out, { recursive: true });
  for (const file of exportFiles(graph, format as (typeof FORMATS)[number], DEFAULT_BASE_IRI)) {
    writeFileSync(join(out, file.name), file.content);
    console.log(join(out, file.name));
  }
  console.error(`export: ${graph.nodes.length} nodes and ${graph.edges.length} relationships (data licence CC BY 4.0, see docs/exports.md)`);
  return 0;
}

async function releaseCommand(args: string[]): Promise<number> {
  const { ReleaseError, writeRelease } = await import('./export/release.js');
  const { options } = parseArgs(args);
  if (options.has('out') && !options.get('out')) {
    console.error('ipkg release: --out needs a folder');
    return 2;
  }
  try {
    // Reading the whole graph is bulk work, not a request: it gets minutes, not the request timeout.
    const queryTimeoutMs = Math.max(loadConfig().queryTimeoutMs, 300_000);
    const result = await withDatabase((database) => writeRelease(database.db, { out: options.get('out'), log }), { queryTimeoutMs });
    console.log(result.folder);
    return 0;
  } catch (err) {
    if (!(err instanceof ReleaseError)) throw err;
    console.error(`ipkg release: ${err.message}`);
    return 1;
  }
}

/** Runs one operation through the service's GraphQL server (src/graphql/apollo.ts) and request context, without HTTP. */
async function queryCommand(args: string[]): Promise<number> {
  const { options, positional } = parseArgs(args);
  const query = positional[0];
  if (!query) {
    console.error('ipkg query: give the operation, e.g. ipkg query \'{ model(id: "psychoanalysis") { name } }\'');
    return 2;
  }
  let variables: Record<string, unknown> | undefined;
  try {
    variables = options.has('variables') ? (JSON.parse(options.get('variables')!) as Record<string, unknown>) : undefined;
  } catch {
    console.error('ipkg query: --variables is not valid JSON');
    return 2;
  }
  const { createApollo } = await import('./graphql/apollo.js');
  const { checkDocumentText } = await import('./graphql/limits.js');
  const { inProcess } = await import('./mcp/execute.js');
  const config = loadConfig();
  // Refused before it is parsed, as the HTTP service refuses it (size, bracket nesting).
  const refused = checkDocumentText(query, config.limits);
  if (refused) {
    console.log(JSON.stringify({ errors: [{ message: refused.message, extensions: { ...refused.extensions, http: undefined } }] }, null, 2));
    return 1;
  }
  return withDatabase(async (database) => {
    // The service's server (limits, caches, error formatting); the printed answer carries no stack traces.
    const apollo = createApollo(config, { stacktraces: false });
    await apollo.start();
    try {
      const result = await inProcess(apollo, database.db)(query, variables ?? {});
      console.log(JSON.stringify(result, null, 2));
      return result.errors?.length ? 1 : 0;
    } finally {
      await apollo.stop();
    }
  });
}

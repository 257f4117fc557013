import { loadConfig } from './config.js';
import { applySchema, openDatabase } from './db/open.js';
import { ensureLauncher } from './neo4j-local/launcher.js';
import { compileSeed, formatErrors } from './seed/compile.js';
import { loadSeed } from './seed/load.js';

const USAGE = `ipkg: the Integrative Psychotherapy Knowledge Graph (education and research, not clinical advice)

Usage:
  ipkg serve                 run the GraphQL service (embedded Neo4j unless NEO4J_URI is set)
  ipkg seed [--prune]        validate seed/ and load it (idempotent; --prune removes what the files dropped)
  ipkg check                 validate seed/ without a database
  ipkg neo4j-fetch           fetch the embedded Neo4j's jars (done automatically on first use)
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
        await service.close();
        process.exit(0);
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
      const { graph, errors } = compileSeed();
      if (errors.length) {
        console.error(formatErrors(errors));
        console.error(`seed: ${errors.length} problem(s); nothing was written`);
        return 1;
      }
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
    case 'neo4j-fetch':
      await ensureLauncher(log);
      return 0;
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

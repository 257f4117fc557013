import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { Neo4jGraphQL } from '@neo4j/graphql';
import type { Driver } from 'neo4j-driver';
import type { Db } from '../src/db/run.js';
import type { Scenario } from './scenarios.js';

/**
 * The floor and the peer, each behind a plain node:http server on loopback, like our service, so all three pay
 * the same HTTP and JSON costs and differ only in what sits between the socket and Neo4j.
 */

export interface Listening {
  url: string;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function listen(server: Server, path: string): Promise<Listening> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}${path}`,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    }),
  );
}

/** The floor: POST /<scenario id> runs that scenario's use case (src/questions/*) over `db`; no GraphQL. */
export function startFloor(list: Scenario[], db: Db): Promise<Listening> {
  const byId = new Map(list.map((s) => [s.id, s]));
  const server = createServer((req, res) => {
    void (async () => {
      await readBody(req); // the scenario's parameters are fixed; read the body anyway, as a real handler would
      const s = byId.get((req.url ?? '/').slice(1));
      if (!s) {
        res.writeHead(404).end();
        return;
      }
      const body = JSON.stringify({ data: await s.floor(db) });
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    })().catch((err: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: String(err) }] }));
    });
  });
  return listen(server, '');
}

/** The peer: @neo4j/graphql 7 from bench/peer/typeDefs.graphql, on Apollo Server, over the same database. */
export async function startPeer(driver: Driver): Promise<Listening & { apollo: ApolloServer }> {
  const typeDefs = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'peer', 'typeDefs.graphql'), 'utf8');
  const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
  const apollo = new ApolloServer({ schema, csrfPrevention: false });
  await apollo.start();
  const server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const headers = new HeaderMap();
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
      const result = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'POST', headers, search: '', body: raw ? JSON.parse(raw) : undefined },
        context: async () => ({}),
      });
      for (const [k, v] of result.headers) res.setHeader(k, v);
      res.statusCode = result.status ?? 200;
      if (result.body.kind === 'complete') res.end(result.body.string);
      else {
        for await (const chunk of result.body.asyncIterator) res.write(chunk);
        res.end();
      }
    })().catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(err));
    });
  });
  const l = await listen(server, '/graphql');
  return {
    ...l,
    apollo,
    async close() {
      await l.close();
      await apollo.stop();
    },
  };
}

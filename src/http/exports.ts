import type { ServerResponse } from 'node:http';
import { exportFiles, type ExportFile, type Format } from '../export/files.js';
import { DATA_LICENSE, DEFAULT_BASE_IRI } from '../export/graph.js';
import { jsonLdContext } from '../export/jsonld.js';
import { readGraph } from '../export/read.js';
import type { Route, RouteContext } from './routes.js';

/**
 * The graph as files: GET /export/graph.jsonld, /export/context.jsonld, /export/graph.graphml, /export/nodes.csv
 * and /export/edges.csv. Each request reads the graph afresh (two queries), so an export always matches the data.
 */

function send(res: ServerResponse, file: Pick<ExportFile, 'contentType' | 'content'>): void {
  res.writeHead(200, {
    'content-type': file.contentType,
    'cache-control': 'no-cache',
    'access-control-allow-origin': '*',
    link: `<${DATA_LICENSE.url}>; rel="license"`,
  });
  res.end(file.content);
}

const fileRoute = (format: Format, name: string): Route => ({
  method: 'GET',
  path: `/export/${name}`,
  async handle(_req, res, _url, { database }: RouteContext) {
    const files = exportFiles(await readGraph(database.db), format, DEFAULT_BASE_IRI);
    send(res, files.find((f) => f.name === name)!);
  },
});

export const exportRoutes: Route[] = [
  fileRoute('jsonld', 'graph.jsonld'),
  // The context depends on the ontology only, so it needs no database.
  {
    method: 'GET',
    path: '/export/context.jsonld',
    handle: (_req, res) => send(res, { contentType: 'application/ld+json; charset=utf-8', content: JSON.stringify({ '@context': jsonLdContext(DEFAULT_BASE_IRI) }, null, 1) }),
  },
  fileRoute('graphml', 'graph.graphml'),
  fileRoute('csv', 'nodes.csv'),
  fileRoute('csv', 'edges.csv'),
];

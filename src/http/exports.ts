import type { ServerResponse } from 'node:http';
import { CSV, exportFiles, type ExportFile, type Format } from '../export/files.js';
import { DATA_LICENSE, DEFAULT_BASE_IRI } from '../export/graph.js';
import { jsonLdContext } from '../export/jsonld.js';
import { MATRICES, matrixFiles, type MatrixSpec } from '../export/matrices.js';
import { readGraph, readMatrix } from '../export/read.js';
import { assimilationMatrixFile } from '../questions/assimilation.js';
import { sendJson } from './respond.js';
import type { Route, RouteContext } from './route.js';

/**
 * The graph as files: GET /export/graph.jsonld, /export/context.jsonld, /export/graph.graphml, /export/nodes.csv,
 * /export/edges.csv, the technique matrices (/export/technique-mechanism.csv, /export/technique-target.csv and
 * their -wide.csv grids) and the technique × base-model verdicts (/export/assimilation-matrix.csv). Each request reads the graph afresh (two queries), so an export always matches the data.
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
    send(
      res,
      files.find((f) => f.name === name)!,
    );
  },
});

/**
 * A technique matrix, read with one query (not the whole graph): /export/<name>.csv in long form, where
 * `?format=wide` serves the 0/1 grid, also at /export/<name>-wide.csv.
 */
const matrixRoute = (spec: MatrixSpec, path: string, fixed?: 'wide'): Route => ({
  method: 'GET',
  path,
  async handle(_req, res, url, { database }: RouteContext) {
    const shape = fixed ?? url.searchParams.get('format') ?? 'long';
    if (shape !== 'long' && shape !== 'wide') return sendJson(res, 400, { error: `format must be long or wide, not "${shape.slice(0, 40)}"` });
    const [long, wide] = matrixFiles(await readMatrix(database.db, spec), spec);
    send(res, { contentType: CSV, content: (shape === 'wide' ? wide : long).content });
  },
});

export const exportRoutes: Route[] = [
  fileRoute('jsonld', 'graph.jsonld'),
  // The context depends on the ontology only, so it needs no database.
  {
    method: 'GET',
    path: '/export/context.jsonld',
    handle: (_req, res) =>
      send(res, { contentType: 'application/ld+json; charset=utf-8', content: JSON.stringify({ '@context': jsonLdContext(DEFAULT_BASE_IRI) }, null, 1) }),
  },
  fileRoute('graphml', 'graph.graphml'),
  fileRoute('csv', 'nodes.csv'),
  fileRoute('csv', 'edges.csv'),
  // Technique × mechanism (ACTS_THROUGH) and technique × target (ADDRESSES): long form and 0/1 grid.
  ...MATRICES.flatMap((m) => [matrixRoute(m, `/export/${m.name}.csv`), matrixRoute(m, `/export/${m.name}-wide.csv`, 'wide')]),
  // Technique × base model: the reasoning layer's verdicts (src/questions/assimilation.ts), not a relationship.
  {
    method: 'GET',
    path: '/export/assimilation-matrix.csv',
    handle: async (_req, res, _url, { database }: RouteContext) => send(res, await assimilationMatrixFile(database.db)),
  },
];

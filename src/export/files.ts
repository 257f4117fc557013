import { nodesCsv, edgesCsv } from './csv.js';
import type { ExportGraph } from './graph.js';
import { toGraphml } from './graphml.js';
import { jsonLdContext, toJsonLd } from './jsonld.js';
import { MATRICES, matrixData, matrixFiles } from './matrices.js';

export const FORMATS = ['jsonld', 'graphml', 'csv', 'matrices'] as const;
export type Format = (typeof FORMATS)[number];

export interface ExportFile {
  name: string;
  contentType: string;
  content: string;
  /** One line on what the file holds (the release's RO-Crate carries it). */
  description: string;
}

export const CSV = 'text/csv; charset=utf-8; header=present';
const JSONLD = 'application/ld+json; charset=utf-8';

/** The files of one export format, named as the HTTP routes name them (/export/<name>). */
export function exportFiles(graph: ExportGraph, format: Format, base: string): ExportFile[] {
  switch (format) {
    case 'jsonld': {
      const doc = toJsonLd(graph, base);
      const context = { '@context': jsonLdContext(base) };
      return [
        {
          name: 'graph.jsonld',
          contentType: JSONLD,
          content: JSON.stringify(doc, null, 1),
          description: 'The whole graph as JSON-LD: every entity and relationship with its sources and evidence level.',
        },
        {
          name: 'context.jsonld',
          contentType: JSONLD,
          content: JSON.stringify(context, null, 1),
          description: 'The JSON-LD @context of graph.jsonld (SKOS, schema.org and the ipkg vocabulary).',
        },
      ];
    }
    case 'graphml':
      return [
        {
          name: 'graph.graphml',
          contentType: 'application/graphml+xml; charset=utf-8',
          content: toGraphml(graph, base),
          description: 'The whole graph as GraphML, for Gephi, yEd and NetworkX.',
        },
      ];
    case 'csv':
      return [
        {
          name: 'nodes.csv',
          contentType: CSV,
          content: nodesCsv(graph, base),
          description: 'Every entity, one row each, with its sources and evidence level.',
        },
        {
          name: 'edges.csv',
          contentType: CSV,
          content: edgesCsv(graph),
          description: 'Every relationship, one row each, with its sources and evidence level.',
        },
      ];
    case 'matrices':
      // The technique × base-model matrix (assimilation-matrix.csv) needs the reasoning layer, not just the
      // graph, so it is not built here: see src/http/exports.ts and src/export/release.ts.
      return MATRICES.flatMap((m) => matrixFiles(matrixData(graph, m), m).map((f) => ({ ...f, contentType: CSV })));
  }
}

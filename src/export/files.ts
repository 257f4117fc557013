import { nodesCsv, edgesCsv } from './csv.js';
import type { ExportGraph } from './graph.js';
import { toGraphml } from './graphml.js';
import { jsonLdContext, toJsonLd } from './jsonld.js';

export const FORMATS = ['jsonld', 'graphml', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

export interface ExportFile {
  name: string;
  contentType: string;
  content: string;
}

/** The files of one export format, named as the HTTP routes name them (/export/<name>). */
export function exportFiles(graph: ExportGraph, format: Format, base: string): ExportFile[] {
  switch (format) {
    case 'jsonld': {
      const doc = toJsonLd(graph, base);
      const context = { '@context': jsonLdContext(base) };
      return [
        { name: 'graph.jsonld', contentType: 'application/ld+json; charset=utf-8', content: JSON.stringify(doc, null, 1) },
        { name: 'context.jsonld', contentType: 'application/ld+json; charset=utf-8', content: JSON.stringify(context, null, 1) },
      ];
    }
    case 'graphml':
      return [{ name: 'graph.graphml', contentType: 'application/graphml+xml; charset=utf-8', content: toGraphml(graph, base) }];
    case 'csv':
      return [
        { name: 'nodes.csv', contentType: 'text/csv; charset=utf-8; header=present', content: nodesCsv(graph, base) },
        { name: 'edges.csv', contentType: 'text/csv; charset=utf-8; header=present', content: edgesCsv(graph) },
      ];
  }
}

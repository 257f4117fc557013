import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import { DATA_LICENSE } from './graph.js';

/**
 * The citable parts of a release: an RO-Crate 1.1 metadata file describing every file in the folder, and a
 * CITATION.cff (Citation File Format 1.2.0). Pure: the caller hands in the files' bytes and the dates.
 */

export const RO_CRATE_CONTEXT = 'https://w3id.org/ro/crate/1.1/context';
export const RO_CRATE_SPEC = 'https://w3id.org/ro/crate/1.1';
export const RO_CRATE_METADATA = 'ro-crate-metadata.json';
/** SPDX identifier of the data licence (CITATION.cff wants one). */
export const DATA_LICENSE_SPDX = 'CC-BY-4.0';

export const TITLE = 'Integrative Psychotherapy Knowledge Graph (ipkg)';
export const ABSTRACT =
  'A sourced knowledge graph of psychotherapy schools, integrative models, techniques, mechanisms of change, ' +
  'clinical targets and the principles of their integration. Every entity and relationship cites its sources and ' +
  'carries an evidence level. For education and research only; not clinical advice.';
/** Never a list of invented people: the project's contributors as one entity. */
export const AUTHOR_NAME = 'ipkg contributors';
const KEYWORDS = ['psychotherapy integration', 'knowledge graph', 'psychotherapy techniques', 'mechanisms of change', 'evidence levels'];

export interface CrateFile {
  name: string;
  /** MIME type, parameters allowed (they are dropped for encodingFormat). */
  contentType: string;
  description: string;
  content: string | Buffer;
}

export interface ReleaseMeta {
  /** The data version, as a string. */
  version: string;
  /** ISO 8601 date-time of publication. */
  datePublished: string;
  /** From package.json, only when it names one. */
  repository?: string;
}

export const sha256 = (content: string | Buffer) => createHash('sha256').update(content).digest('hex');
const bytes = (content: string | Buffer) => (typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.length);

/** ro-crate-metadata.json: the descriptor, the root dataset, one File per file (size and sha256), the licence and author. */
export function roCrate(files: CrateFile[], meta: ReleaseMeta): Record<string, unknown> {
  const author = { '@id': '#ipkg-contributors' };
  const license = { '@id': DATA_LICENSE.url };
  return {
    // schema:sha256 is not in the 1.1 context; RO-Crate allows extending it with extra terms.
    '@context': [RO_CRATE_CONTEXT, { sha256: 'http://schema.org/sha256' }],
    '@graph': [
      { '@id': RO_CRATE_METADATA, '@type': 'CreativeWork', conformsTo: { '@id': RO_CRATE_SPEC }, about: { '@id': './' } },
      {
        '@id': './',
        '@type': 'Dataset',
        name: TITLE,
        description: ABSTRACT,
        version: meta.version,
        datePublished: meta.datePublished,
        license,
        author,
        publisher: author,
        keywords: KEYWORDS.join(', '),
        ...(meta.repository ? { codeRepository: meta.repository } : {}),
        hasPart: files.map((f) => ({ '@id': f.name })),
      },
      ...files.map((f) => ({
        '@id': f.name,
        '@type': 'File',
        name: f.name,
        description: f.description,
        encodingFormat: f.contentType.split(';')[0].trim(),
        contentSize: String(bytes(f.content)),
        sha256: sha256(f.content),
      })),
      {
        '@id': DATA_LICENSE.url,
        '@type': 'CreativeWork',
        name: DATA_LICENSE.name,
        identifier: DATA_LICENSE_SPDX,
        description: 'Creative Commons Attribution 4.0 International',
      },
      { '@id': author['@id'], '@type': 'Organization', name: AUTHOR_NAME },
    ],
  };
}

/** CITATION.cff for the dataset release. `date-released` is the publication date (YYYY-MM-DD). */
export function citationCff(meta: ReleaseMeta): string {
  const doc: Record<string, unknown> = {
    'cff-version': '1.2.0',
    message: 'If you use this dataset, please cite it as below. The data is licensed CC BY 4.0; the code MIT.',
    type: 'dataset',
    title: TITLE,
    abstract: ABSTRACT,
    version: meta.version,
    'date-released': meta.datePublished.slice(0, 10),
    license: DATA_LICENSE_SPDX,
    authors: [{ name: AUTHOR_NAME }],
    keywords: KEYWORDS,
    ...(meta.repository ? { 'repository-code': meta.repository } : {}),
  };
  return stringify(doc, { lineWidth: 0 });
}

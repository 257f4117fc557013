import { assimilationMatrixFile } from '../questions/assimilation.js';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../db/run.js';
import { changesMarkdown, changesSummary, diffReleases, type ReleaseChanges } from './changes.js';
import { citationCff, RO_CRATE_METADATA, roCrate, sha256, type CrateFile } from './crate.js';
import { exportFiles, FORMATS, type ExportFile } from './files.js';
import { DEFAULT_BASE_IRI, type ExportGraph } from './graph.js';
import { readGraph } from './read.js';

/**
 * `ipkg release`: a versioned, citable dataset folder. Every export, CITATION.cff, the change list against the
 * previous release beside it (changes.json, CHANGES.md), and ro-crate-metadata.json describing all of them with
 * sizes and sha256 checksums. Written into a hidden temporary folder next to the target and renamed into place at
 * the end, so a failed run leaves nothing half-written.
 */

export class ReleaseError extends Error {
  override name = 'ReleaseError';
}

export interface ReleaseOptions {
  /** The folder to create; default releases/<data version> in the working directory. It must not exist. */
  out?: string;
  log?: (line: string) => void;
  /** The publication time (tests pin it). */
  now?: () => Date;
  base?: string;
}

export interface ReleaseResult {
  folder: string;
  version: string;
  datePublished: string;
  /** Every file written, the metadata file last. */
  files: string[];
  changes: ReleaseChanges;
}

/** Exports that need more than the graph: the reasoning layer's technique × base-model verdicts. */
async function reasoningFiles(db: Db): Promise<ExportFile[]> {
  return [await assimilationMatrixFile(db)];
}

/** The graph and the data version it is at: read again if a write landed between the reads. */
async function readVersioned(db: Db): Promise<{ graph: ExportGraph; version: number }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = await db.dataVersion();
    const graph = await readGraph(db);
    const after = await db.dataVersion();
    if (before !== null && before === after) return { graph, version: before };
  }
  throw new ReleaseError('the data kept changing while it was read (or the graph was never seeded); try again');
}

interface PreviousRelease {
  folder: string;
  version: string;
  datePublished: string;
  files: Map<string, string>;
}

/** Root entity and the File checksums of a release folder's RO-Crate, or null when it is not one. */
function readCrate(folder: string): PreviousRelease | null {
  const path = join(folder, RO_CRATE_METADATA);
  if (!existsSync(path)) return null;
  try {
    const graph = (JSON.parse(readFileSync(path, 'utf8')) as { '@graph'?: Array<Record<string, unknown>> })['@graph'] ?? [];
    const root = graph.find((e) => e['@id'] === './');
    if (!root || typeof root.datePublished !== 'string') return null;
    const files = new Map(graph.filter((e) => e['@type'] === 'File' && typeof e.sha256 === 'string').map((e) => [String(e['@id']), String(e.sha256)]));
    return { folder, version: String(root.version ?? ''), datePublished: root.datePublished, files };
  } catch {
    return null;
  }
}

/** The previous release: of the release folders beside `out`, the one published last. */
export function findPreviousRelease(out: string): PreviousRelease | null {
  const parent = dirname(out);
  if (!existsSync(parent)) return null;
  const crates = readdirSync(parent, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.') && d.name !== basename(out))
    .map((d) => readCrate(join(parent, d.name)))
    .filter((c): c is PreviousRelease => c !== null && existsSync(join(c.folder, 'nodes.csv')) && existsSync(join(c.folder, 'edges.csv')));
  const time = (c: PreviousRelease) => Date.parse(c.datePublished) || 0;
  crates.sort((a, b) => time(b) - time(a) || Number(b.version) - Number(a.version));
  return crates[0] ?? null;
}

/** package.json's repository as a browsable URL, when it names one (never guessed). */
function repositoryUrl(): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../package.json'), 'utf8')) as {
      repository?: string | { url?: string };
    };
    const raw = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
    return raw ? raw.replace(/^git\+/, '').replace(/\.git$/, '') : undefined;
  } catch {
    return undefined;
  }
}

const size = (content: string | Buffer) => {
  const n = typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.length;
  return n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} kB`;
};

export async function writeRelease(db: Db, opts: ReleaseOptions = {}): Promise<ReleaseResult> {
  const log = opts.log ?? (() => {});
  const base = opts.base ?? DEFAULT_BASE_IRI;
  log('release: reading the graph...');
  const { graph, version: dataVersion } = await readVersioned(db);
  const version = String(dataVersion);
  const out = resolve(opts.out ?? join('releases', version));
  if (existsSync(out)) throw new ReleaseError(`${out} exists already (a release of data version ${version}?); pass --out for another folder`);
  log(`release: data version ${version}: ${graph.nodes.length} entities, ${graph.edges.length} relationships`);

  const exports: ExportFile[] = [...FORMATS.flatMap((f) => exportFiles(graph, f, base)), ...(await reasoningFiles(db))];
  const nodesCsv = exports.find((f) => f.name === 'nodes.csv')!.content;
  const edgesCsv = exports.find((f) => f.name === 'edges.csv')!.content;

  const previous = findPreviousRelease(out);
  let changes: ReleaseChanges;
  if (previous) {
    const folder = relative(dirname(out), previous.folder);
    log(`release: comparing with the previous release, data version ${previous.version} (${folder}, published ${previous.datePublished})`);
    const old = { nodesCsv: readFileSync(join(previous.folder, 'nodes.csv'), 'utf8'), edgesCsv: readFileSync(join(previous.folder, 'edges.csv'), 'utf8') };
    for (const [name, text] of Object.entries({ 'nodes.csv': old.nodesCsv, 'edges.csv': old.edgesCsv })) {
      const listed = previous.files.get(name);
      if (listed && listed !== sha256(text)) log(`release: warning: ${folder}/${name} does not match the checksum its RO-Crate lists; compared as it is`);
    }
    changes = { previous: { version: previous.version, datePublished: previous.datePublished, folder }, version, ...diffReleases(old, { nodesCsv, edgesCsv }) };
    log(`release: ${changesSummary(changes)}`);
  } else {
    log(`release: no earlier release in ${dirname(out)}; this is the first`);
    const empty = () => ({ added: [], removed: [], regraded: [], updated: [] });
    changes = { previous: null, version, entities: empty(), relationships: empty() };
  }

  const datePublished = (opts.now?.() ?? new Date()).toISOString();
  const meta = { version, datePublished, repository: repositoryUrl() };
  const files: CrateFile[] = [
    ...exports,
    {
      name: 'CITATION.cff',
      contentType: 'application/yaml',
      description: 'How to cite this release (Citation File Format 1.2.0).',
      content: citationCff(meta),
    },
    {
      name: 'changes.json',
      contentType: 'application/json',
      description:
        'What changed since the previous release: entities and relationships added, removed, re-graded (evidence level changed) or otherwise changed.',
      content: JSON.stringify(changes, null, 1),
    },
    { name: 'CHANGES.md', contentType: 'text/markdown', description: 'The change list of changes.json, for reading.', content: changesMarkdown(changes) },
  ];
  const crate = JSON.stringify(roCrate(files, meta), null, 1);

  mkdirSync(dirname(out), { recursive: true });
  const temp = mkdtempSync(join(dirname(out), `.${basename(out)}.partial-`));
  try {
    for (const f of files) {
      writeFileSync(join(temp, f.name), f.content);
      log(`release: ${f.name} (${size(f.content)})`);
    }
    writeFileSync(join(temp, RO_CRATE_METADATA), crate);
    log(`release: ${RO_CRATE_METADATA} (${files.length} files described)`);
    if (existsSync(out)) throw new ReleaseError(`${out} appeared while the release was written; nothing was changed there`);
    renameSync(temp, out);
  } catch (err) {
    rmSync(temp, { recursive: true, force: true });
    throw err;
  }
  log(`release: data version ${version} written to ${out}`);
  return { folder: out, version, datePublished, files: [...files.map((f) => f.name), RO_CRATE_METADATA], changes };
}

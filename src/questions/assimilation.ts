import type { Db } from '../db/run.js';
import { table } from '../export/csv.js';
import { CSV, type ExportFile } from '../export/files.js';
import type { Context } from '../graphql/context.js';
import { createContext } from '../graphql/context.js';
import type { EntityRecord } from '../graphql/records.js';
import { assimilationRow, indexBase, verdict, type Verdict } from '../reasoning/assimilation.js';
import type { NodeMap } from '../reasoning/graph.js';

/**
 * The assimilation questions as use cases: what assimilationCheck, assimilableTechniques, tailor (with a base),
 * assimilationMatrix and /export/assimilation-matrix.csv share. Each reads the base's side of the coherence rule
 * (cypher/assimilation-base) beside the technique profiles (the mechanisms each acts through, kept per data
 * version by the profile store) and applies the pure rule in src/reasoning/assimilation.ts.
 */

/**
 * The verdicts of a base model on the techniques in `techniqueIds` (every technique the base does not use when
 * null; every technique at all with includeNative), in technique id order; none when the base does not exist.
 * With onlyCompatible, only the compatible ones.
 */
export async function verdicts(
  ctx: Context,
  baseModelId: string,
  techniqueIds: string[] | null,
  opts: { includeNative?: boolean; onlyCompatible?: boolean } = {},
): Promise<Verdict[]> {
  const [[facts], profiles] = await Promise.all([
    ctx.db.read('assimilation-base', { baseModelId }, ctx.trips),
    ctx.loaders.profiles.load(techniqueIds ?? 'all'),
  ]);
  if (!facts) return [];
  const base = indexBase(facts);
  const out: Verdict[] = [];
  for (const p of profiles) {
    if (techniqueIds === null && !opts.includeNative && base.used.has(p.technique.id)) continue;
    const v = verdict(assimilationRow(base, p));
    if (!opts.onlyCompatible || v.compatible) out.push(v);
  }
  return out;
}

export async function byLabel(ctx: Context, label: string): Promise<NodeMap[]> {
  return (await ctx.db.read('list-by-label', { label }, ctx.trips)).map((r) => r.node);
}

export interface MatrixCell {
  baseModelId: string;
  techniqueId: string;
  compatible: boolean;
  native: boolean;
  reframed: boolean;
  conflictKinds: Verdict['conflicts'][number]['kind'][];
  resolvedKinds: Verdict['conflicts'][number]['kind'][];
}

/** One verdict as a matrix cell: the verdict, and the kinds of its unresolved and resolved conflicts. */
export function matrixCell(v: Verdict): MatrixCell {
  const kinds = (resolved: boolean) => [...new Set(v.conflicts.filter((c) => c.resolvedByReframing === resolved).map((c) => c.kind))].sort();
  return {
    baseModelId: v.baseModel.id,
    techniqueId: v.technique.id,
    compatible: v.compatible,
    native: v.native,
    reframed: v.reframing !== null,
    conflictKinds: kinds(false),
    resolvedKinds: kinds(true),
  };
}

/**
 * Every base-by-technique verdict for the given bases and techniques (all of each when null): one assimilation
 * query per base, run together. Cells are in base then technique id order.
 */
export async function assimilationMatrix(ctx: Context, baseModelIds: string[] | null, techniqueIds: string[] | null) {
  const [bases, techniques] = await Promise.all([
    baseModelIds ? Promise.resolve(null) : byLabel(ctx, 'Model'),
    techniqueIds ? Promise.resolve(null) : byLabel(ctx, 'Technique'),
  ]);
  const baseIds = [...new Set(baseModelIds ?? bases!.map((b) => b.id))].sort();
  const ids = [...new Set(techniqueIds ?? techniques!.map((t) => t.id))].sort();
  // A few bases at a time: fifty assimilation queries at once would queue on Neo4j and time out together.
  const rows: Verdict[][] = [];
  for (let i = 0; i < baseIds.length; i += MATRIX_CONCURRENCY) {
    rows.push(...(await Promise.all(baseIds.slice(i, i + MATRIX_CONCURRENCY).map((b) => verdicts(ctx, b, ids, { includeNative: true })))));
  }
  const cells = rows.flatMap((vs) => vs.map(matrixCell));
  const nodes = await ctx.loaders.nodes.loadMany([...baseIds, ...ids]);
  const found = nodes.filter((n): n is EntityRecord => !!n && !(n instanceof Error));
  return { baseModels: found.filter((n) => n.__label === 'Model'), techniques: found.filter((n) => n.__label === 'Technique'), cells };
}

const MATRIX_CONCURRENCY = 4;

const CSV_COLUMNS = ['base_model_id', 'technique_id', 'compatible', 'native', 'reframed', 'conflict_kinds', 'resolved_kinds'];

/** The whole matrix as CSV (one row per cell; kinds `;`-separated), for /export/assimilation-matrix.csv and releases. */
export async function assimilationMatrixCsv(db: Db): Promise<string> {
  const { cells } = await assimilationMatrix(createContext(db), null, null);
  return table(
    CSV_COLUMNS,
    cells.map((c) => ({
      base_model_id: c.baseModelId,
      technique_id: c.techniqueId,
      compatible: c.compatible,
      native: c.native,
      reframed: c.reframed,
      conflict_kinds: c.conflictKinds.join(';'),
      resolved_kinds: c.resolvedKinds.join(';'),
    })),
  );
}

/** The matrix as an export file (served at /export/assimilation-matrix.csv and written into releases). */
export async function assimilationMatrixFile(db: Db): Promise<ExportFile> {
  return {
    name: 'assimilation-matrix.csv',
    contentType: CSV,
    content: await assimilationMatrixCsv(db),
    description:
      'Technique x base model: every assimilation verdict (compatible, native, reframed) with the kinds of its unresolved and resolved conflicts (MECHANISM_, PRESUPPOSITION_, STANCE_CONTRADICTS_TENET).',
  };
}

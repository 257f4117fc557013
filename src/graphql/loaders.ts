import DataLoader from 'dataloader';
import type { TreeNode } from '../db/queries.js';
import type { Db, RoundTrips } from '../db/run.js';
import { readProfiles } from '../questions/profiles.js';
import type { TechniqueProfile } from '../reasoning/tailoring.js';
import { unpack } from './unpack.js';
import type { EntityRecord, LinkRecord } from './records.js';

export interface LinkKey {
  id: string;
  direction: 'OUT' | 'IN';
  /** Relationship types to follow; undefined for all. */
  types?: string[];
  /** Only neighbours with this label. */
  label?: string;
  /** Project neighbours to these properties (src/graphql/projection.ts); undefined for whole nodes. */
  fields?: string[];
  /** false when only the neighbours are wanted, not the relationships' own properties. */
  withProps?: boolean;
  /**
   * Look-ahead, not part of the key: the relationship fields selected on the neighbours (src/graphql/projection.ts,
   * lookAhead). Given on neighbour lists (withProps false), the batch reads them too, in the same statement
   * (cypher/links-tree), and primes the keys their resolvers will ask for.
   */
  below?: readonly LinkSpec[];
}

/** A relationship field selected below a neighbour list, as its resolver will load it (withProps false). */
export interface LinkSpec {
  direction: 'OUT' | 'IN';
  type: string;
  label?: string;
  fields: string[];
  below?: readonly LinkSpec[];
}

/** The projected properties links-tree reads besides id and name, which every neighbour carries anyway. */
const extra = (fields: readonly string[]) => fields.filter((k) => k !== 'id' && k !== 'name');

/** A links-tree neighbour as the projection links-out returns, unpacked (a property the node lacks is null). */
function treeNode([id, name, label, values]: TreeNode, props: readonly string[]): EntityRecord {
  const node: EntityRecord = { id, name, __label: label, __partial: true };
  for (let j = 0; j < props.length; j++) node[props[j]] = values[j] ?? null;
  return node;
}

/** Levels cypher/links-tree reads below the one asked for; deeper selections start a tree of their own. */
export const TREE_DEPTH = 2;

/** A look-ahead tree as cypher/links-tree takes it: level 0 is the key's own, each level names its parent. */
interface Level {
  depth: number;
  parent: number;
  spec: Omit<LinkSpec, 'below'>;
}

export function treeLevels(root: Omit<LinkSpec, 'below'>, below: readonly LinkSpec[]): Level[] {
  const levels: Level[] = [{ depth: 0, parent: -1, spec: root }];
  const visit = (specs: readonly LinkSpec[], parent: number, depth: number) => {
    if (depth > TREE_DEPTH) return;
    for (const { below: next, ...spec } of specs) {
      levels.push({ depth, parent, spec });
      if (next) visit(next, levels.length - 1, depth + 1);
    }
  };
  visit(below, 0, 1);
  return levels;
}

export interface Loaders {
  /** Entities (sources included) by id. */
  nodes: DataLoader<string, EntityRecord | null>;
  /**
   * Relationships of an entity, batched into one query per (direction, types, label, fields) and nesting level, or,
   * for a neighbour list with a look-ahead (LinkKey.below), one query for it and up to TREE_DEPTH levels below.
   */
  links: DataLoader<LinkKey, LinkRecord[], string>;
  /** Technique profiles, all ('all') or of some ids, read once per request for each set: tailor with a base model
   * asks for every profile, and so do its verdicts. */
  profiles: DataLoader<readonly string[] | 'all', TechniqueProfile[], string>;
}

const groupKey = (k: Omit<LinkKey, 'id'>) => JSON.stringify([k.direction, k.types ?? null, k.label ?? null, k.fields ?? null, k.withProps ?? true]);

/** Fresh per request: nothing is cached across requests here, and each nesting level (or look-ahead tree) costs one query. */
export function createLoaders(db: Db, trips: RoundTrips): Loaders {
  const nodes = new DataLoader<string, EntityRecord | null>(async (ids) => {
    const rows = await db.read('nodes-by-id', { ids }, trips);
    const byId = new Map(rows.map((r) => [r.id, r.node ?? null]));
    return ids.map((id) => byId.get(id) ?? null);
  });

  const links = new DataLoader<LinkKey, LinkRecord[], string>(
    async (keys) => {
      const groups = new Map<string, LinkKey[]>();
      for (const k of keys) {
        const g = groupKey(k);
        groups.set(g, [...(groups.get(g) ?? []), k]);
      }
      const result = new Map<string, LinkRecord[]>();
      await Promise.all(
        [...groups.values()].map(async (group) => {
          const { direction, types, label, fields, withProps } = group[0];
          const ids = [...new Set(group.map((k) => k.id))];
          // Keys of one group asked from one selection share their look-ahead; one asked elsewhere gets its own level.
          const below = group.find((k) => k.below?.length)?.below;
          if (below && withProps === false && types?.length === 1 && fields) {
            const byLevel = await tree(ids, treeLevels({ direction, type: types[0], label, fields }, below));
            for (const k of group) result.set(cacheKey(k), byLevel[0].get(k.id) ?? []);
            return;
          }
          const rows = await db.read(
            direction === 'OUT' ? 'links-out' : 'links-in',
            { ids, types: types ?? null, label: label ?? null, fields: fields ?? null, withProps: withProps ?? true },
            trips,
          );
          const self = new Map<string, LinkRecord[]>();
          for (const r of rows) {
            const list = self.get(r.id) ?? [];
            list.push({
              type: r.type,
              direction,
              self: { __label: '', id: r.id, name: '' },
              node: unpack(r.node),
              // Null only for withProps false, whose callers read the node alone (browse.neighbours, suitedStages).
              props: r.props!,
            });
            self.set(r.id, list);
          }
          for (const k of group) result.set(cacheKey(k), self.get(k.id) ?? []);
        }),
      );
      return keys.map((k) => result.get(cacheKey(k)) ?? []);
    },
    { cacheKeyFn: cacheKey },
  );

  /**
   * One links-tree read for `ids` and the levels below them. Each level's lists go to the loader under the keys
   * its field resolvers ask (an entity without neighbours there gets an empty list), so they cost no query; the
   * key's own level is returned. Rows are those links-out/links-in return, so the answers are the same.
   */
  async function tree(ids: string[], levels: Level[]): Promise<Array<Map<string, LinkRecord[]>>> {
    const propsOf = levels.map((l) => extra(l.spec.fields));
    const rows = await db.read(
      'links-tree',
      {
        ids,
        depths: levels.map((l) => l.depth),
        parents: levels.map((l) => l.parent),
        directions: levels.map((l) => l.spec.direction),
        types: levels.map((l) => l.spec.type),
        labels: levels.map((l) => l.spec.label ?? null),
        props: propsOf,
      },
      trips,
    );
    const byLevel = levels.map(() => new Map<string, LinkRecord[]>());
    for (const { level, id, nodes } of rows) {
      const { type, direction } = levels[level].spec;
      const props = propsOf[level];
      const self = { __label: '', id, name: '' };
      // Relationship props: not for neighbour lists (withProps false), whose callers read the node alone.
      byLevel[level].set(
        id,
        nodes.map((n) => ({ type, direction, self, node: treeNode(n, props), props: null! })),
      );
    }
    levels.forEach((l, i) => {
      if (i === 0) return;
      const { direction, type, label, fields } = l.spec;
      const key = { direction, types: [type], label, fields, withProps: false };
      // The entities this level hangs from: every neighbour its parent level found.
      const parents = new Set([...byLevel[l.parent].values()].flat().map((x) => x.node.id));
      for (const id of parents) links.prime({ id, ...key }, byLevel[i].get(id) ?? []);
    });
    return byLevel;
  }
  const profiles = new DataLoader<readonly string[] | 'all', TechniqueProfile[], string>(
    (keys) => Promise.all(keys.map((ids) => readProfiles(db, trips, ids === 'all' ? null : ids))),
    { cacheKeyFn: (ids) => (ids === 'all' ? ids : JSON.stringify(ids)) },
  );
  return { nodes, links, profiles };
}

function cacheKey(k: LinkKey): string {
  return `${k.id}|${groupKey(k)}`;
}

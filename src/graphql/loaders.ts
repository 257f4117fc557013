import DataLoader from 'dataloader';
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
}

export interface Loaders {
  /** Entities (sources included) by id. */
  nodes: DataLoader<string, EntityRecord | null>;
  /** Relationships of an entity, batched into one query per (direction, types, label, fields) and nesting level. */
  links: DataLoader<LinkKey, LinkRecord[], string>;
  /** Technique profiles, all ('all') or of some ids, read once per request for each set: tailor with a base model
   * asks for every profile, and so do its verdicts. */
  profiles: DataLoader<readonly string[] | 'all', TechniqueProfile[], string>;
}

const groupKey = (k: LinkKey) => JSON.stringify([k.direction, k.types ?? null, k.label ?? null, k.fields ?? null, k.withProps ?? true]);

/** Fresh per request: nothing is cached across requests here, and each nesting level costs one query. */
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
  const profiles = new DataLoader<readonly string[] | 'all', TechniqueProfile[], string>(
    (keys) => Promise.all(keys.map((ids) => readProfiles(db, trips, ids === 'all' ? null : ids))),
    { cacheKeyFn: (ids) => (ids === 'all' ? ids : JSON.stringify(ids)) },
  );
  return { nodes, links, profiles };
}

function cacheKey(k: LinkKey): string {
  return `${k.id}|${groupKey(k)}`;
}

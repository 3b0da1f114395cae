import type { Classification } from "./classify-account.ts";

export interface Move {
  from: string | null;
  to: string | null;
  count: number;
}

export interface OwnerLoad {
  ownerId: string | null;
  ownerName: string | null;
  before: { segments: Record<string, number>; touchModels: Record<string, number> };
  after: { segments: Record<string, number>; touchModels: Record<string, number> };
}

/** What a rule change does (preview) or did (save): moves between segments and touch models, load per CSM. */
export interface ChangeSummary {
  total: number;
  segmentChanges: number;
  touchModelChanges: number;
  /** Only pairs whose from ≠ to; `from: null` = not classified before. */
  segmentMoves: Move[];
  touchModelMoves: Move[];
  segments: { segment: string; before: number; after: number }[];
  owners: OwnerLoad[];
}

const NONE = "\u0000";
const keyOf = (v: string | null) => v ?? NONE;
const fromKey = (k: string) => (k === NONE ? null : k);
const bump = (m: Record<string, number>, k: string | null) => {
  if (k !== null) m[k] = (m[k] ?? 0) + 1;
};

/** Tallies before/after pairs one account at a time, so batched reads need not keep every account. */
export function createChangeTally() {
  const segmentMoves = new Map<string, number>();
  const touchMoves = new Map<string, number>();
  const segments = new Map<string, { before: number; after: number }>();
  const owners = new Map<string, Pick<OwnerLoad, "before" | "after">>();
  let total = 0;
  let segmentChanges = 0;
  let touchModelChanges = 0;

  const segmentCount = (s: string) => {
    const found = segments.get(s);
    if (found) return found;
    const created = { before: 0, after: 0 };
    segments.set(s, created);
    return created;
  };

  return {
    add(ownerId: string | null, before: Classification, after: Classification) {
      total++;
      if (before.segment !== after.segment) {
        segmentChanges++;
        const k = `${keyOf(before.segment)}\u0001${keyOf(after.segment)}`;
        segmentMoves.set(k, (segmentMoves.get(k) ?? 0) + 1);
      }
      if (before.touchModel !== after.touchModel) {
        touchModelChanges++;
        const k = `${keyOf(before.touchModel)}\u0001${keyOf(after.touchModel)}`;
        touchMoves.set(k, (touchMoves.get(k) ?? 0) + 1);
      }
      if (before.segment !== null) segmentCount(before.segment).before++;
      if (after.segment !== null) segmentCount(after.segment).after++;
      const ownerKey = keyOf(ownerId);
      let load = owners.get(ownerKey);
      if (!load) {
        load = { before: { segments: {}, touchModels: {} }, after: { segments: {}, touchModels: {} } };
        owners.set(ownerKey, load);
      }
      bump(load.before.segments, before.segment);
      bump(load.before.touchModels, before.touchModel);
      bump(load.after.segments, after.segment);
      bump(load.after.touchModels, after.touchModel);
    },
    summary(ownerNames: ReadonlyMap<string, string>): ChangeSummary {
      const moves = (m: Map<string, number>) =>
        [...m]
          .map(([k, count]) => {
            const [from, to] = k.split("\u0001") as [string, string];
            return { from: fromKey(from), to: fromKey(to), count };
          })
          .sort(
            (a, b) =>
              b.count - a.count ||
              String(a.from).localeCompare(String(b.from)) ||
              String(a.to).localeCompare(String(b.to)),
          );
      return {
        total,
        segmentChanges,
        touchModelChanges,
        segmentMoves: moves(segmentMoves),
        touchModelMoves: moves(touchMoves),
        segments: [...segments]
          .map(([segment, c]) => ({ segment, ...c }))
          .sort((a, b) => a.segment.localeCompare(b.segment)),
        owners: [...owners]
          .map(([k, load]) => {
            const ownerId = fromKey(k);
            return { ownerId, ownerName: ownerId ? (ownerNames.get(ownerId) ?? null) : null, ...load };
          })
          .sort(
            (a, b) =>
              String(a.ownerName ?? "\uffff").localeCompare(String(b.ownerName ?? "\uffff")) ||
              String(a.ownerId).localeCompare(String(b.ownerId)),
          ),
      };
    },
  };
}

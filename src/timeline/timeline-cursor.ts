/**
 * The timeline's paging cursor: the position (occurred_at with microseconds, id) of the last entry
 * of a page, so the next page starts strictly after it in newest-first order. Opaque to clients.
 */
export interface TimelinePosition {
  /** `YYYY-MM-DDTHH:MM:SS.ffffff` in UTC, as PostgreSQL prints it (microsecond precision). */
  at: string;
  id: string;
}

const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

export function encodeTimelineCursor(position: TimelinePosition): string {
  return Buffer.from(`${position.at}|${position.id}`, "utf8").toString("base64url");
}

/**
 * What `before` names: a cursor from a previous page, or an ISO-8601 instant (entries strictly
 * earlier). Null when it is neither.
 */
export function readTimelineBefore(
  before: string,
): { kind: "cursor"; position: TimelinePosition } | { kind: "instant"; instant: Date } | null {
  const value = before.trim();
  if (ISO_INSTANT.test(value)) {
    const instant = new Date(value);
    return Number.isNaN(instant.getTime()) ? null : { kind: "instant", instant };
  }
  let decoded: string;
  try {
    decoded = Buffer.from(value, "base64url").toString("utf8");
  } catch {
    return null;
  }
  const [at, id, ...rest] = decoded.split("|");
  if (rest.length > 0 || !at || !id || !AT.test(at) || !UUID.test(id)) return null;
  if (Number.isNaN(new Date(`${at}Z`).getTime())) return null;
  return { kind: "cursor", position: { at, id } };
}

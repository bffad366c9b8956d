import { DateTime } from 'luxon';

/**
 * "5 minutes ago" for an ISO time, or undefined when there is no valid time,
 * so a missing or malformed timestamp never breaks a table.
 */
export function relativeTime(
  iso: string | undefined,
  now: DateTime = DateTime.now(),
): string | undefined {
  if (!iso) {
    return undefined;
  }
  const time = DateTime.fromISO(iso);
  if (!time.isValid) {
    return undefined;
  }
  return time.toRelative({ base: now }) ?? undefined;
}

/** An ISO time as the viewer's local date and time, or the raw text. */
export function absoluteTime(iso: string | undefined): string | undefined {
  if (!iso) {
    return undefined;
  }
  const time = DateTime.fromISO(iso);
  return time.isValid
    ? time.toLocaleString(DateTime.DATETIME_MED_WITH_SECONDS)
    : iso;
}

/**
 * Flux revisions are `<ref>@<algo>:<digest>` (`main@sha1:4f2a…`); the digest
 * is shortened to seven characters like git does, the rest kept.
 */
export function shortRevision(revision: string | undefined): string {
  if (!revision) {
    return '';
  }
  const match =
    /^(?:(.+)@)?(sha1|sha256|sha384|sha512|blake3):([0-9a-f]+)$/.exec(revision);
  if (!match) {
    return revision;
  }
  const [, ref, , digest] = match;
  const short = digest.slice(0, 7);
  return ref ? `${ref}@${short}` : short;
}

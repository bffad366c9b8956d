/** One step into a resource: a map key or a list index. */
export type PathSegment = string | number;

/**
 * Writes a path the way `kubectl explain` and Kyverno's messages read:
 * `spec.template.spec.containers[0].image`, with keys that are not plain
 * names quoted (`metadata.annotations['prometheus.io/port']`).
 */
export function formatPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      text += `[${segment}]`;
    } else if (/^[A-Za-z0-9_-]+$/.test(segment)) {
      text += text === '' ? segment : `.${segment}`;
    } else {
      text += `['${segment.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
    }
  }
  return text;
}

/** Renders a resource or pattern value for a message. */
export function describeValue(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }
  if (typeof value === 'string') {
    return `'${value}'`;
  }
  if (value === null || typeof value !== 'object') {
    return String(value);
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  return 'an object';
}

export function isPlainObject(
  value: unknown,
): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a Kyverno pattern string contains a wildcard character. */
export function containsWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

const cache = new Map<string, RegExp>();

/**
 * Kyverno's wildcard match: `*` matches any run of characters (also none),
 * `?` exactly one character, everything else itself. The whole value must
 * match.
 */
export function wildcardMatch(pattern: string, value: string): boolean {
  if (pattern === '*') {
    return true;
  }
  let regex = cache.get(pattern);
  if (!regex) {
    const source = Array.from(pattern, character => {
      if (character === '*') return '.*';
      if (character === '?') return '.';
      return character.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }).join('');
    regex = new RegExp(`^${source}$`, 's');
    cache.set(pattern, regex);
  }
  return regex.test(value);
}

/**
 * A link's accessible name starts with its text; core-components adds
 * ", Opens in a new window" to external ones.
 */
export function linkName(text: string): RegExp {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped}\\s*(,|$)`);
}

/**
 * A revision given as a tree URL of the configured repository, normalised as
 * a browser would (dot segments resolved, so that
 * `<repository>/tree/main/../../../other/repo/tree/main` is the other
 * repository it really names); undefined when it is not a tree URL of that
 * repository.
 */
export function treeUrlIn(
  repository: string,
  revision: string,
): string | undefined {
  let url: URL;
  let tree: URL;
  try {
    url = new URL(revision);
    tree = new URL(`${repository}/tree/`);
  } catch {
    return undefined;
  }
  if (url.search || url.hash || url.username || url.password) {
    return undefined;
  }
  if (
    url.origin !== tree.origin ||
    !url.pathname.startsWith(tree.pathname) ||
    url.pathname.length === tree.pathname.length
  ) {
    return undefined;
  }
  return url.href;
}

import { treeUrlIn } from './treeUrl';

const REPOSITORY = 'https://github.com/acme/gitops-config';

describe('treeUrlIn', () => {
  it("takes the repository's tree URLs", () => {
    expect(treeUrlIn(REPOSITORY, `${REPOSITORY}/tree/main`)).toBe(
      `${REPOSITORY}/tree/main`,
    );
    expect(treeUrlIn(REPOSITORY, `${REPOSITORY}/tree/release/v1.2/apps`)).toBe(
      `${REPOSITORY}/tree/release/v1.2/apps`,
    );
  });

  it('refuses URLs that only start like the repository', () => {
    for (const revision of [
      // Dot segments that climb out to another repository, plain or encoded.
      `${REPOSITORY}/tree/main/../../../../evil/secret/tree/main`,
      `${REPOSITORY}/tree/main/%2e%2e/%2E%2E/%2e%2e/%2e%2e/evil/secret/tree/main`,
      `${REPOSITORY}/tree/main\\..\\..\\..\\..\\evil\\secret\\tree\\main`,
      // Another repository whose name starts with this one's.
      'https://github.com/acme/gitops-config-fork/tree/main',
      // Another host, credentials, query or fragment.
      'https://github.com.evil.test/acme/gitops-config/tree/main',
      'https://someone@github.com/acme/gitops-config/tree/main',
      `${REPOSITORY}/tree/main?ref=other`,
      `${REPOSITORY}/tree/main#other`,
      // No ref, not a URL.
      `${REPOSITORY}/tree/`,
      'main',
    ]) {
      expect([revision, treeUrlIn(REPOSITORY, revision)]).toEqual([
        revision,
        undefined,
      ]);
    }
  });
});

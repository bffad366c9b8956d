import { mockServices } from '@backstage/backend-test-utils';
import { changeUrl, parseRemote, repoContentsUrl } from './remote';
import { tokenFor } from './repository';

describe('git remotes', () => {
  it.each([
    [
      'https://github.com/acme/catalog-service.git',
      'https://github.com/acme/catalog-service/blob/main',
      'https://github.com/acme/catalog-service/compare/main...feature/x',
    ],
    [
      'git@github.com:acme/catalog-service.git',
      'https://github.com/acme/catalog-service/blob/main',
      'https://github.com/acme/catalog-service/compare/main...feature/x',
    ],
    [
      'ssh://git@github.example.com:2222/platform/catalog',
      'https://github.example.com/platform/catalog/blob/main',
      'https://github.example.com/platform/catalog/compare/main...feature/x',
    ],
    [
      'https://gitlab.acme.example/group/sub/catalog.git',
      'https://gitlab.acme.example/group/sub/catalog/-/blob/main',
      'https://gitlab.acme.example/group/sub/catalog/-/merge_requests/new?merge_request%5Bsource_branch%5D=feature%2Fx&merge_request%5Btarget_branch%5D=main',
    ],
    [
      'https://bitbucket.org/acme/catalog.git',
      'https://bitbucket.org/acme/catalog/src/main',
      'https://bitbucket.org/acme/catalog/pull-requests/new?source=feature%2Fx&dest=main',
    ],
    [
      '/srv/git/catalog.git',
      'file:///srv/git/catalog.git#main',
      'file:///srv/git/catalog.git#feature/x',
    ],
    [
      'file:///srv/git/catalog.git',
      'file:///srv/git/catalog.git#main',
      'file:///srv/git/catalog.git#feature/x',
    ],
  ])('%s: browse at %s, review at %s', (repoUrl, contents, change) => {
    const remote = parseRemote(repoUrl);
    expect(repoContentsUrl(remote, 'main')).toBe(contents);
    expect(changeUrl(remote, 'main', 'feature/x')).toBe(change);
  });

  it('sends a token only to the https origin of the remote', () => {
    expect(parseRemote('https://github.com:8443/acme/x.git')).toMatchObject({
      kind: 'http',
      tokenOrigin: 'https://github.com:8443/',
    });
    expect(parseRemote('git@github.com:acme/x.git')).not.toHaveProperty(
      'tokenOrigin',
    );
    // Never in clear text over the network; to this machine it may.
    expect(parseRemote('http://git.example.com/acme/x.git')).toMatchObject({
      kind: 'http',
      tokenOrigin: undefined,
    });
    expect(parseRemote('http://127.0.0.1:8080/acme/x.git')).toMatchObject({
      tokenOrigin: 'http://127.0.0.1:8080/',
    });
  });

  it('uses the token input over https (or to this machine) only, saying so otherwise', () => {
    const logger = mockServices.logger.mock();
    const remote = (url: string) => parseRemote(url);
    expect(tokenFor(remote('https://github.com/a/b.git'), 't0k', logger)).toBe(
      't0k',
    );
    expect(
      tokenFor(remote('http://127.0.0.1:9999/a/b.git'), 't0k', logger),
    ).toBe('t0k');
    expect(logger.warn).not.toHaveBeenCalled();

    expect(
      tokenFor(remote('http://git.example.com/a/b.git'), 't0k', logger),
    ).toBeUndefined();
    expect(logger.warn).toHaveBeenLastCalledWith(
      'The token input is not sent over plain http to another machine; http://git.example.com/a/b.git is reached without it (use https)',
    );
    expect(
      tokenFor(remote('git@github.com:a/b.git'), 't0k', logger),
    ).toBeUndefined();
    expect(logger.warn).toHaveBeenLastCalledWith(
      'The token input is only used with https remotes; git@github.com:a/b.git is reached without it',
    );
  });

  it('takes local remotes only inside the allowed folders, and none when none are', () => {
    expect(
      parseRemote('/srv/git/x.git', { localRemoteRoots: ['/srv/git'] }),
    ).toMatchObject({ kind: 'local', path: '/srv/git/x.git' });
    expect(() =>
      parseRemote('/etc/x.git', { localRemoteRoots: ['/srv/git'] }),
    ).toThrow(
      "repoUrl '/etc/x.git' is outside the folders local repositories may live in (/srv/git)",
    );
    expect(() =>
      parseRemote('file:///srv/git/x.git', { localRemoteRoots: [] }),
    ).toThrow(
      "repoUrl 'file:///srv/git/x.git' is a local repository, and this portal publishes to none (goldenpath.localGit is off)",
    );
  });

  it.each([
    ['', 'repoUrl is empty'],
    ['catalog.git', "repoUrl 'catalog.git' is not a git remote"],
    ['./catalog.git', "repoUrl './catalog.git' is not a git remote"],
    ['-uhack', "repoUrl '-uhack' is not a git remote"],
    ['ext::sh -c id', "repoUrl 'ext::sh -c id' contains whitespace"],
    ['ext::sh', "repoUrl 'ext::sh' names a git remote helper"],
    ['ftp://host/x.git', 'uses the unsupported scheme ftp://'],
    ['https://github.com/', 'names no host or no repository'],
    ['https://u:p@github.com/a/b.git', 'contains credentials'],
    ['https://ghp_secret@github.com/a/b.git', 'contains credentials'],
    [
      'ssh://-oProxyCommand=touch%20x/r.git',
      "has a host or path starting with '-'",
    ],
    ['git@-oProxyCommand=x:r.git', 'is not a git remote'],
    ['file://otherhost/srv/x.git', 'is not a file URL of this machine'],
  ])('refuses %j', (repoUrl, message) => {
    expect(() => parseRemote(repoUrl)).toThrow(message);
  });
});

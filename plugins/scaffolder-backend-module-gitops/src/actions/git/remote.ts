import { isChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** A repository on this machine: an absolute path or a file:// URL. */
export interface LocalRemote {
  kind: 'local';
  /** What git is given and what a checkout's origin is set to. */
  url: string;
  path: string;
  /** How errors and logs name it: the input as given. */
  display: string;
}

/** A repository on a host, reached over https, ssh or git://. */
export interface HostedRemote {
  kind: 'http' | 'ssh' | 'git';
  url: string;
  display: string;
  /** Host name, with the port for http(s). */
  host: string;
  /** owner/repo (or group/sub/repo), without `.git`. */
  repoPath: string;
  /** scheme://host[:port]/ of an https remote: where a token may be sent. */
  tokenOrigin?: string;
}

export type GitRemote = LocalRemote | HostedRemote;

const SCP_LIKE = /^(?:[^@/\s:]+@)?([A-Za-z0-9.-]+):(?!\/\/)(\S+)$/;
const EXPECTED =
  'expected an https://, ssh:// or git@host:owner/repo URL, a file:// URL or an absolute path';

function isLoopback(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    /^127(\.\d{1,3}){3}$/.test(hostname)
  );
}

/**
 * Reads repoUrl: a git remote URL or a local path. Refuses what git could take
 * as an option or as a helper transport (ext::), credentials written into the
 * URL, and relative paths (relative to what the backend was started in).
 */
export function parseRemote(
  repoUrl: string,
  options: { inputName?: string; localRemoteRoots?: string[] } = {},
): GitRemote {
  const inputName = options.inputName ?? 'repoUrl';
  const fail = (why: string) =>
    new InputError(`${inputName} '${repoUrl}' ${why}`);
  if (!repoUrl.trim()) {
    throw new InputError(`${inputName} is empty; ${EXPECTED}`);
  }
  // eslint-disable-next-line no-control-regex
  if (/[\s\x00-\x1f]/.test(repoUrl)) {
    throw fail(`contains whitespace; ${EXPECTED}`);
  }
  if (/^[^/]*::/.test(repoUrl)) {
    // <transport>::<address> runs a remote helper (ext:: runs any command).
    throw fail(`names a git remote helper; ${EXPECTED}`);
  }
  if (repoUrl.startsWith('/') || repoUrl.startsWith('file:')) {
    return parseLocal(repoUrl, fail, options.localRemoteRoots);
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(repoUrl)?.[1]?.toLowerCase();
  if (scheme) {
    let url: URL;
    try {
      url = new URL(repoUrl);
    } catch {
      throw fail(`is not a valid URL; ${EXPECTED}`);
    }
    const repoPath = trimRepoPath(decodeURIComponent(url.pathname));
    if (!url.hostname || !repoPath) {
      throw fail(`names no host or no repository; ${EXPECTED}`);
    }
    if (url.hostname.startsWith('-') || repoPath.startsWith('-')) {
      // ssh would read '-oProxyCommand=...' as an option.
      throw fail(`has a host or path starting with '-'; ${EXPECTED}`);
    }
    if (scheme === 'https' || scheme === 'http') {
      if (url.password || url.username) {
        // A token is often written as the user name (https://ghp_...@host).
        throw fail(
          'contains credentials; pass the token input instead, so it is not stored in the checkout, logged or shown',
        );
      }
      return {
        kind: 'http',
        url: repoUrl,
        display: repoUrl,
        host: url.host,
        repoPath,
        // A token travels only encrypted, or to this machine.
        tokenOrigin:
          scheme === 'https' || isLoopback(url.hostname)
            ? `${url.protocol}//${url.host}/`
            : undefined,
      };
    }
    if (scheme === 'ssh' || scheme === 'git+ssh' || scheme === 'ssh+git') {
      return {
        kind: 'ssh',
        url: repoUrl,
        display: repoUrl,
        host: url.hostname,
        repoPath,
      };
    }
    if (scheme === 'git') {
      return {
        kind: 'git',
        url: repoUrl,
        display: repoUrl,
        host: url.hostname,
        repoPath,
      };
    }
    throw fail(`uses the unsupported scheme ${scheme}://; ${EXPECTED}`);
  }
  const scp = SCP_LIKE.exec(repoUrl);
  if (scp && !repoUrl.startsWith('-') && !scp[1].startsWith('-')) {
    const repoPath = trimRepoPath(scp[2]);
    if (!repoPath) throw fail(`names no repository; ${EXPECTED}`);
    return {
      kind: 'ssh',
      url: repoUrl,
      display: repoUrl,
      host: scp[1],
      repoPath,
    };
  }
  throw fail(`is not a git remote; ${EXPECTED}`);
}

function parseLocal(
  repoUrl: string,
  fail: (why: string) => InputError,
  localRemoteRoots: string[] | undefined,
): LocalRemote {
  let localPath: string;
  if (repoUrl.startsWith('file:')) {
    try {
      localPath = fileURLToPath(repoUrl);
    } catch {
      throw fail(
        'is not a file URL of this machine; expected file:///absolute/path',
      );
    }
  } else {
    localPath = repoUrl;
  }
  localPath = path.resolve(localPath);
  if (localRemoteRoots?.length === 0) {
    throw fail(
      'is a local repository, and this portal publishes to none (goldenpath.localGit is off); give an https:// or ssh remote',
    );
  }
  if (
    localRemoteRoots &&
    !localRemoteRoots.some(root => isChildPath(path.resolve(root), localPath))
  ) {
    throw fail(
      `is outside the folders local repositories may live in (${localRemoteRoots.join(
        ', ',
      )})`,
    );
  }
  return { kind: 'local', url: localPath, path: localPath, display: repoUrl };
}

function trimRepoPath(repoPath: string): string {
  return repoPath.replace(/^\/+|\/+$/g, '').replace(/\.git$/, '');
}

function encodeBranch(branch: string): string {
  return branch.split('/').map(encodeURIComponent).join('/');
}

/** The repository's page on its host (https://host/owner/repo). */
export function webUrl(remote: HostedRemote): string {
  const scheme = remote.url.startsWith('http://') ? 'http' : 'https';
  return `${scheme}://${remote.host}/${remote.repoPath}`;
}

/**
 * Where a branch's files can be browsed: a file:// URL of the repository with
 * `#<branch>` for a local remote, the host's page of the branch otherwise.
 */
export function repoContentsUrl(remote: GitRemote, branch: string): string {
  if (remote.kind === 'local') {
    return `${pathToFileURL(remote.path).href}#${branch}`;
  }
  const web = webUrl(remote);
  if (remote.host.includes('gitlab')) {
    return `${web}/-/blob/${encodeBranch(branch)}`;
  }
  if (remote.host === 'bitbucket.org') {
    return `${web}/src/${encodeBranch(branch)}`;
  }
  return `${web}/blob/${encodeBranch(branch)}`;
}

/**
 * Where a pushed branch is reviewed: a file:// URL with `#<branch>` for a local
 * remote; on GitHub (and Gitea, same URL) the compare page that offers the
 * pull request; on GitLab and Bitbucket their new merge/pull request page.
 */
export function changeUrl(
  remote: GitRemote,
  targetBranch: string,
  branch: string,
): string {
  if (remote.kind === 'local') {
    return `${pathToFileURL(remote.path).href}#${branch}`;
  }
  const web = webUrl(remote);
  if (remote.host.includes('gitlab')) {
    return `${web}/-/merge_requests/new?${new URLSearchParams({
      'merge_request[source_branch]': branch,
      'merge_request[target_branch]': targetBranch,
    })}`;
  }
  if (remote.host === 'bitbucket.org') {
    return `${web}/pull-requests/new?${new URLSearchParams({
      source: branch,
      dest: targetBranch,
    })}`;
  }
  return `${web}/compare/${encodeBranch(targetBranch)}...${encodeBranch(
    branch,
  )}`;
}

/** Whether a checkout's origin URL is this remote. */
export function isSameRemote(origin: string, remote: GitRemote): boolean {
  if (remote.kind === 'local') {
    const local = origin.startsWith('file:')
      ? safeFileUrlToPath(origin)
      : origin;
    return local !== undefined && path.resolve(local) === remote.path;
  }
  return origin.replace(/\/+$/, '') === remote.url.replace(/\/+$/, '');
}

function safeFileUrlToPath(url: string): string | undefined {
  try {
    return fileURLToPath(url);
  } catch {
    return undefined;
  }
}

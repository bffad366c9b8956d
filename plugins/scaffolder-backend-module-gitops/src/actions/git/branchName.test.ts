import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { checkBranchName, isValidBranchName } from './repository';

/** What git itself says of a name for a new branch. */
function gitAccepts(name: string): boolean {
  const result = spawnSync('git', ['check-ref-format', '--branch', name], {
    cwd: os.tmpdir(),
  });
  return result.status === 0;
}

const NAMES = [
  'main',
  'trunk',
  'add-catalog-service',
  'feature/x',
  'release/1.2.3',
  'user_42/fix.thing',
  'é',
  'a@b',
  'HEAD',
  '-x',
  'a..b',
  'a/.b',
  '.a',
  'a.lock',
  'x.lock/y',
  'a/.lock/b',
  'a/',
  '/a',
  'a//b',
  'a b',
  'a\tb',
  'a\u007fb',
  'a@{b',
  'a.',
  'a~1',
  'a^',
  'a:b',
  'a?',
  'a*',
  'a[b',
  'a\\b',
  '',
];

describe('isValidBranchName', () => {
  it.each(NAMES.map(name => [JSON.stringify(name), name]))(
    'agrees with git check-ref-format --branch on %s',
    (_, name) => {
      expect(isValidBranchName(name)).toBe(gitAccepts(name));
    },
  );

  it("refuses '@', which git reads as HEAD rather than as a name", () => {
    expect(isValidBranchName('@')).toBe(false);
  });
});

describe('checkBranchName', () => {
  it('names the input and the bad value', () => {
    expect(() => checkBranchName('a..b', 'branchName')).toThrow(
      "branchName 'a..b' is not a valid git branch name",
    );
    expect(() => checkBranchName(' ', 'targetBranch')).toThrow(
      'targetBranch is empty',
    );
    expect(() => checkBranchName('add-orders', 'branchName')).not.toThrow();
  });
});

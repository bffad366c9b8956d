export { createPublishGitAction } from './publishGit';
export { createGitCloneAction } from './gitClone';
export { createPublishGitChangeAction } from './publishGitChange';
export type { GitActionOptions } from './git';

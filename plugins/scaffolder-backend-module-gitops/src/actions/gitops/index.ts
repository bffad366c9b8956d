export { createGitopsImageSetAction } from './imageSet';
export { createGitopsPromoteAction } from './promote';

export { createGitopsAppCreateAction } from './appCreate';
export { createGitopsImageSetAction } from './imageSet';
export { createGitopsPromoteAction } from './promote';
export { createInfraModuleAddAction } from './moduleAdd';

export { validateGitopsConfig } from './validateGitopsConfig';
export type { ValidateGitopsOptions } from './validateGitopsConfig';
export { knownKinds, schemaProblems } from './schemas';
export * from './kyverno';

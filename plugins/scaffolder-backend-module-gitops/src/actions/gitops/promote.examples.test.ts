import { createGitopsPromoteAction } from './promote';
import { itRunsEveryExample } from '../__testUtils__/examples';

describe('gitops:promote examples', () => {
  itRunsEveryExample(createGitopsPromoteAction(), {
    changed: true,
    tag: expect.stringMatching(/^v\d+\.\d+\.\d+$/),
  });
});

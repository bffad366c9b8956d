import { createGitopsAppCreateAction } from './appCreate';
import { itRunsEveryExample } from '../__testUtils__/examples';

describe('gitops:app:create examples', () => {
  itRunsEveryExample(createGitopsAppCreateAction(), {
    changed: true,
    path: expect.stringMatching(/^apps\/[a-z-]+$/),
  });
});

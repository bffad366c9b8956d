import { createGitopsAppCreateAction } from './appCreate';
import { itRunsEveryExample } from '../__testUtils__/gitopsWorkspace';

describe('gitops:app:create examples', () => {
  itRunsEveryExample(createGitopsAppCreateAction(), ctx => {
    expect(ctx.output).toHaveBeenCalledWith('changed', true);
    expect(ctx.output).toHaveBeenCalledWith(
      'path',
      expect.stringMatching(/^apps\/[a-z-]+$/),
    );
  });
});

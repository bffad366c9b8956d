import { createGitopsPromoteAction } from './promote';
import { itRunsEveryExample } from '../__testUtils__/gitopsWorkspace';

describe('gitops:promote examples', () => {
  itRunsEveryExample(createGitopsPromoteAction(), ctx => {
    expect(ctx.output).toHaveBeenCalledWith('changed', true);
    expect(ctx.output).toHaveBeenCalledWith(
      'tag',
      expect.stringMatching(/^v\d+\.\d+\.\d+$/),
    );
  });
});

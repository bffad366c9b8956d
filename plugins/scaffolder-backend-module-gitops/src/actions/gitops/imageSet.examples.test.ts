import { createGitopsImageSetAction } from './imageSet';
import { itRunsEveryExample } from '../__testUtils__/gitopsWorkspace';

describe('gitops:image:set examples', () => {
  itRunsEveryExample(createGitopsImageSetAction(), ctx => {
    expect(ctx.output).toHaveBeenCalledWith('changed', true);
    expect(ctx.output).toHaveBeenCalledWith(
      'file',
      expect.stringMatching(
        /^apps\/user-service\/overlays\/(dev|prod)\/kustomization\.yaml$/,
      ),
    );
  });
});

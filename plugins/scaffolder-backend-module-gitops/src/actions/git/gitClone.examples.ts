import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Check out the GitOps repository from GitHub with the user's token, for later steps to edit",
    example: yaml.stringify({
      steps: [
        {
          id: 'checkout',
          action: 'git:clone',
          name: 'Check out gitops-config',
          input: {
            repoUrl: 'https://github.com/acme/gitops-config.git',
            targetPath: 'gitops',
            token: '${{ secrets.USER_OAUTH_TOKEN }}',
          },
        },
      ],
    }),
  },
  {
    description:
      'Check out the GitOps repository lazily: the folder will hold only what later steps write, which is what publish:github:pull-request then sends',
    example: yaml.stringify({
      steps: [
        {
          id: 'checkout',
          action: 'git:clone',
          name: 'Check out gitops-config lazily',
          input: {
            repoUrl: 'https://github.com/acme/gitops-config.git',
            targetPath: 'gitops',
            token: '${{ secrets.USER_OAUTH_TOKEN }}',
            lazy: true,
          },
        },
      ],
    }),
  },
  {
    description: 'Check out a branch of a repository on the Backstage host',
    example: yaml.stringify({
      steps: [
        {
          id: 'checkout',
          action: 'git:clone',
          name: 'Check out infrastructure',
          input: {
            repoUrl: 'file:///var/lib/goldenpath/git/infrastructure.git',
            branch: 'main',
            targetPath: 'infrastructure',
          },
        },
      ],
    }),
  },
];

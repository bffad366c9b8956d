import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Publish the workspace as a new repository on the Backstage host (no git server needed; the bare repository is created)',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'publish:git',
          name: 'Publish',
          input: {
            repoUrl: 'file:///var/lib/goldenpath/git/catalog-service.git',
            gitCommitMessage: 'Create catalog-service from the golden path',
          },
        },
      ],
    }),
  },
  {
    description:
      "Publish the service folder to an existing, empty GitHub repository over https with the user's token",
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'publish:git',
          name: 'Publish to GitHub',
          input: {
            repoUrl: 'https://github.com/acme/catalog-service.git',
            sourcePath: 'service',
            defaultBranch: 'main',
            gitAuthorName: 'Golden Path',
            gitAuthorEmail: 'golden-path@acme.example',
            token: '${{ secrets.USER_OAUTH_TOKEN }}',
          },
        },
      ],
    }),
  },
  {
    description:
      "Publish over ssh with the backend's key (the repository must exist)",
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'publish:git',
          name: 'Publish over ssh',
          input: {
            repoUrl: 'git@github.com:acme/catalog-service.git',
            sourcePath: 'service',
          },
        },
      ],
    }),
  },
];

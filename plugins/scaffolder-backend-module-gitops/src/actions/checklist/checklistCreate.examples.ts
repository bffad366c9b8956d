import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Record the release a promotion is about to ship',
    example: yaml.stringify({
      steps: [
        {
          id: 'release',
          action: 'checklist:create',
          name: 'Create the release checklist',
          input: {
            entityRef: 'component:default/user-service',
            version: 'v1.2.3',
          },
        },
      ],
    }),
  },
];

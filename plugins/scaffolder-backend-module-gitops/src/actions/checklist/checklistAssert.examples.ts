import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Promote to prod only when the pre-deployment phase (tests, scans, review, docs, migrations, rollback plan) is complete',
    example: yaml.stringify({
      steps: [
        {
          id: 'gate',
          action: 'checklist:assert',
          name: 'Check the release checklist',
          input: {
            entityRef: 'component:default/user-service',
            version: 'v1.2.3',
            phase: 'pre-deployment',
          },
        },
      ],
    }),
  },
];

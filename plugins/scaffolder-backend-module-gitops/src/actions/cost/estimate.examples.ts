import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Price a service's new overlays and database before the changes are published",
    example: yaml.stringify({
      steps: [
        {
          id: 'cost',
          action: 'cost:estimate',
          name: 'Estimate the monthly cost',
          input: {
            gitopsPath: 'gitops',
            infrastructurePath: 'infrastructure',
          },
        },
      ],
    }),
  },
  {
    description:
      'Price a GitOps-only change (a promotion, a replica count) against the configured infrastructure',
    example: yaml.stringify({
      steps: [
        {
          id: 'cost',
          action: 'cost:estimate',
          name: 'Estimate the monthly cost',
          input: { gitopsPath: 'gitops' },
        },
      ],
    }),
  },
];

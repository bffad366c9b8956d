import { promises as fs } from 'node:fs';
import path from 'node:path';
import { PLATFORM_APPS } from './__testUtils__/platformApps';
import { renderApp } from './renderApp';
import { GITOPS_CONFIG, readTree } from './__testUtils__/gitopsConfigCopy';

describe('renderApp reproduces the checked-in apps', () => {
  it.each(PLATFORM_APPS.map(spec => [spec.name, spec] as const))(
    '%s',
    async (name, spec) => {
      const rendered = renderApp(spec);

      const folder = await readTree(path.join(GITOPS_CONFIG, 'apps', name));
      const checkedIn = [...folder.keys()].map(file => `apps/${name}/${file}`);
      const renderedInFolder = Object.keys(rendered)
        .filter(file => file.startsWith(`apps/${name}/`))
        .sort();
      expect(renderedInFolder).toEqual(checkedIn);

      for (const [file, text] of Object.entries(rendered)) {
        const onDisk = await fs.readFile(
          path.join(GITOPS_CONFIG, file),
          'utf8',
        );
        expect({ file, text }).toEqual({ file, text: onDisk });
      }
    },
  );

  it('renders the cluster, alert and dashboard files of every app', () => {
    const rendered = renderApp(
      PLATFORM_APPS.find(app => app.name === 'frontend')!,
    );
    const outside = Object.keys(rendered).filter(f => !f.startsWith('apps/'));
    expect(outside.sort()).toEqual([
      'clusters/dev-cluster/apps/frontend.yaml',
      'clusters/prod-cluster/apps/frontend.yaml',
      'clusters/staging-cluster/apps/frontend.yaml',
      'infrastructure/base/grafana/dashboards/frontend.yaml',
      'infrastructure/base/prometheus/rules/frontend-alerts.yaml',
    ]);
  });
});

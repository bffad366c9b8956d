import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { defaultAppSpec } from '../defaultAppSpec';
import { AppKind, AppSpec } from '../types';

/**
 * The eight apps of gitops-config as the golden path creates them: each
 * template's `golden/<app>.yaml` values (what the "Create component" form
 * asks, plus `appSpec` for what it does not), mapped the way the templates
 * map them onto `gitops:app:create`. Rendering each must reproduce the
 * checked-in files byte for byte.
 */
const TEMPLATE_KINDS: Record<string, AppKind> = {
  'spring-boot-service': 'java',
  'node-service': 'node',
  'react-frontend': 'frontend',
};

const TEMPLATES = path.resolve(__dirname, '../../../../../templates');

function load(template: string, file: string): AppSpec {
  const values = yaml.parse(
    fs.readFileSync(path.join(TEMPLATES, template, 'golden', file), 'utf8'),
  );
  return {
    ...defaultAppSpec({
      name: values.name,
      kind: TEMPLATE_KINDS[template],
      owner: String(values.owner).replace(/^group:(default\/)?/, ''),
      database: values.database === 'postgresql',
      cache: values.cache ?? false,
      queue: values.queue ?? false,
      dependencies: values.dependencies ?? [],
    }),
    ...values.appSpec,
  };
}

export const PLATFORM_APPS: AppSpec[] = Object.keys(TEMPLATE_KINDS)
  .flatMap(template =>
    fs
      .readdirSync(path.join(TEMPLATES, template, 'golden'))
      .map(file => load(template, file)),
  )
  .sort((a, b) => a.name.localeCompare(b.name));

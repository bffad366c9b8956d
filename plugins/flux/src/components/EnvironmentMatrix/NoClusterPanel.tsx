import { CodeSnippet } from '@backstage/core-components';
import {
  clusterName,
  type EnvironmentName,
} from '@goldenpath/backstage-plugin-gitops-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';

function configSnippet(environments: EnvironmentName[]): string {
  const clusters = environments.map(
    environment => `        - name: ${clusterName(environment)}
          url: https://<api-server of ${clusterName(environment)}>
          authProvider: serviceAccount
          serviceAccountToken: \${${environment.toUpperCase()}_CLUSTER_TOKEN}`,
  );
  const fluxClusters = environments.map(
    environment => `    ${clusterName(environment)}:
      environment: ${environment}`,
  );
  return `kubernetes:
  clusterLocatorMethods:
    - type: config
      clusters:
${clusters.join('\n')}
flux:
  clusters:
${fluxClusters.join('\n')}`;
}

/** What goes before the i-th of n items of a list: 'a, b and c'. */
function separator(i: number, n: number): string {
  if (i === 0) return '';
  return i === n - 1 ? ' and ' : ', ';
}

/**
 * What app-config needs so that the portal can read the clusters of the
 * environments that have none: one snippet for all of them.
 */
export function NoClusterPanel(props: { environments: EnvironmentName[] }) {
  const { environments } = props;
  return (
    <Box p={2} data-testid="no-cluster-help">
      <Typography variant="subtitle1" component="p">
        To see what runs in{' '}
        {environments
          .map((name, i) => separator(i, environments.length) + name)
          .join('')}
      </Typography>
      <Typography variant="body2" color="textSecondary" component="p">
        Add the {environments.length === 1 ? 'cluster' : 'clusters'} to{' '}
        <code>kubernetes.clusterLocatorMethods</code> and name{' '}
        {environments.length === 1 ? 'its environment' : 'their environments'}{' '}
        under{' '}
        {environments.map((environment, i) => (
          <span key={environment}>
            {separator(i, environments.length)}
            <code>flux.clusters.{clusterName(environment)}.environment</code>
          </span>
        ))}{' '}
        in app-config:
      </Typography>
      <CodeSnippet language="yaml" text={configSnippet(environments)} />
    </Box>
  );
}

import { CodeSnippet } from '@backstage/core-components';
import {
  clusterName,
  type EnvironmentName,
} from '@goldenpath/backstage-plugin-gitops-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';

function configSnippet(environment: EnvironmentName): string {
  const cluster = clusterName(environment);
  return `kubernetes:
  clusterLocatorMethods:
    - type: config
      clusters:
        - name: ${cluster}
          url: https://<api-server of ${cluster}>
          authProvider: serviceAccount
          serviceAccountToken: \${${environment.toUpperCase()}_CLUSTER_TOKEN}
flux:
  clusters:
    ${cluster}:
      environment: ${environment}`;
}

/**
 * Says that an environment has no cluster and what app-config needs so that
 * the portal can read it.
 */
export function NoClusterPanel(props: { environment: EnvironmentName }) {
  const { environment } = props;
  return (
    <Box>
      <Typography variant="subtitle1" component="p">
        No cluster configured for {environment}
      </Typography>
      <Typography variant="body2" color="textSecondary" component="p">
        Add the {environment} cluster to{' '}
        <code>kubernetes.clusterLocatorMethods</code> and name its environment
        under <code>flux.clusters.{clusterName(environment)}.environment</code>{' '}
        in app-config:
      </Typography>
      <CodeSnippet language="yaml" text={configSnippet(environment)} />
    </Box>
  );
}

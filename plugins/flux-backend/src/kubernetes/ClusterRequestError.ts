import type { FluxClusterError } from '@goldenpath/backstage-plugin-flux-common';

/** A request to a cluster failed; carries what the portal shows for it. */
export class ClusterRequestError extends Error {
  constructor(
    readonly reason: FluxClusterError['reason'],
    message: string,
    readonly statusCode?: number,
  ) {
    super(message);
    this.name = 'ClusterRequestError';
  }

  toClusterError(
    cluster: string,
    environment?: FluxClusterError['environment'],
  ): FluxClusterError {
    return {
      cluster,
      environment,
      reason: this.reason,
      message: this.message,
      statusCode: this.statusCode,
    };
  }
}

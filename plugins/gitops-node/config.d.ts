export interface Config {
  goldenpath?: {
    /**
     * The platform's GitOps (Flux + Kustomize) and infrastructure (Terraform)
     * repositories, as the Flux and cost backends read them. Each is either
     * a folder (relative to the backend's working directory; a bare git
     * repository is read at its HEAD) or a repository tree URL read through
     * the integrations, e.g.
     * https://github.com/ecommerce-platform/gitops-config/tree/main.
     */
    repositories?: {
      gitopsConfig?: string;
      infrastructure?: string;
      /**
       * Where the files of a repository read from a folder can be viewed:
       * a base URL to which `/<file>` is appended, e.g.
       * https://github.com/ecommerce-platform/gitops-config/blob/main. Figures
       * on the portal's pages link there. Not needed for tree URLs (their
       * files are linked on the same host).
       */
      browse?: { gitopsConfig?: string; infrastructure?: string };
      /**
       * How long a snapshot read through a URL, or the HEAD of a bare git
       * repository, is reused before it is read again. Default: 60; 0 reads them
       * again on every request.
       */
      refreshIntervalSeconds?: number;
    };
  };
}

export interface Config {
  techdocs?: {
    generator?: {
      mkdocs?: {
        /**
         * Build docs without adding the techdocs-core MkDocs plugin, which
         * this machine's mkdocs does not have. Read by
         * `@backstage/plugin-techdocs-node`, whose schema does not declare it
         * (techdocs-backend's lists the other mkdocs keys).
         */
        omitTechdocsCorePlugin?: boolean;
      };
    };
  };
}

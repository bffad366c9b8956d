export interface Config {
  goldenpath?: {
    /**
     * Git repositories on the portal's own disk, so the golden path runs
     * without GitHub: templates publish new service repositories there, and
     * changes to the GitOps and infrastructure repositories land there. Leave
     * unset in production, where the templates use GitHub.
     */
    localGit?: {
      /**
       * Set to false to switch the local repositories off (production
       * configs that extend a local one). Default: true.
       */
      enabled?: boolean;
      /**
       * Folder of the bare repositories, relative to the backend's working
       * directory; created on first start. Required unless enabled is false.
       */
      root?: string;
      /**
       * Repositories created on first start (when missing), each seeded with
       * one commit of a folder's content: repository name to folder.
       */
      seed?: { [name: string]: string };
    };
  };
}

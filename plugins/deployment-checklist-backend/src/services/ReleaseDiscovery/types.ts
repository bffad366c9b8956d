/** Creates releases for the builds CI pins in the dev overlays. */
export interface ReleaseDiscovery {
  /**
   * Creates, for each service of the GitOps repository, the release of the
   * tag its dev overlay runs, unless it exists; resolves with the releases
   * created (`entityRef version`).
   */
  discover(): Promise<string[]>;
}

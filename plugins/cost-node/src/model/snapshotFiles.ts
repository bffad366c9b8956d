import { RepositoryFiles } from '@goldenpath/backstage-plugin-gitops-node';

/**
 * Reads each file and lists each folder once: one computation sees one
 * snapshot of the repository and does not pay twice for a file every
 * environment reads (a service's base). Read-only.
 */
export function snapshotFiles(files: RepositoryFiles): RepositoryFiles {
  const reads = new Map<string, Promise<string | undefined>>();
  const lists = new Map<string, Promise<string[]>>();
  return {
    read(file) {
      let text = reads.get(file);
      if (!text) {
        text = files.read(file);
        reads.set(file, text);
      }
      return text;
    },
    list(folder) {
      let names = lists.get(folder);
      if (!names) {
        names = files.list(folder);
        lists.set(folder, names);
      }
      return names;
    },
    async write(file) {
      throw new Error(`Cannot write ${file}: the cost model only reads`);
    },
  };
}

import { CostSource, Price } from '@goldenpath/backstage-plugin-cost-common';
import { RepositoryLocation } from '@goldenpath/backstage-plugin-gitops-node';
import { unitPrice } from './format';

/** The two repositories, by the folder name figures are shown under. */
export type RepositoryName = 'gitops-config' | 'infrastructure';

/**
 * Builds the links of figures: `gitops-config/<file>` with its line, and a
 * URL to that line when the repository is read from a tree URL (GitHub's
 * `/tree/<ref>` becomes `/blob/<ref>/<file>#L<line>`) or from a folder with a
 * `browseUrl`.
 */
export class SourceLinks {
  constructor(
    private readonly locations: Partial<
      Record<RepositoryName, RepositoryLocation>
    > = {},
  ) {}

  file(
    repository: RepositoryName,
    label: string,
    file: string,
    line?: number,
  ): CostSource {
    const location = this.locations[repository];
    let url: string | undefined;
    const anchor = line ? `#L${line}` : '';
    if (location && 'url' in location && /\/tree\//.test(location.url)) {
      const index = location.url.lastIndexOf('/tree/');
      url = `${location.url.slice(0, index)}/blob/${location.url
        .slice(index + '/tree/'.length)
        .replace(/\/$/, '')}/${file}${anchor}`;
    } else if (location && 'path' in location && location.browseUrl) {
      url = `${location.browseUrl}/${file}${anchor}`;
    }
    return {
      label,
      file: `${repository}/${file}`,
      ...(line !== undefined && { line }),
      ...(url && { url }),
    };
  }

  price(price: Price): CostSource {
    const isUrl = /^https?:\/\//.test(price.source);
    return {
      label: `${price.key} ${unitPrice(price.usd)}/${price.unit} (${
        isUrl ? '' : `${price.source}, `
      }${price.date})`,
      ...(isUrl && { url: price.source }),
    };
  }
}

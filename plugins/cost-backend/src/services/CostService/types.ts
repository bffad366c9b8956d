import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CostDiff,
  Price,
  RightSizingRule,
  ServiceCost,
  SystemCost,
} from '@goldenpath/backstage-plugin-cost-common';

/** Two revisions of one repository: git revisions, or tree URLs. */
export interface RevisionPair {
  base: string;
  head: string;
}

/** What the cost backend answers. */
export interface CostService {
  /** A service (its folder under apps/) in every environment. */
  serviceCost(request: {
    service: string;
    rule?: RightSizingRule;
  }): Promise<ServiceCost>;

  /** The service a catalog entity stands for. */
  entityCost(request: {
    entityRef: { kind: string; namespace: string; name: string };
    rule?: RightSizingRule;
    credentials: BackstageCredentials;
  }): Promise<ServiceCost>;

  /** Every component of a System, most expensive first (or by name). */
  systemCost(request: {
    system: { namespace: string; name: string };
    sort?: 'cost' | 'name';
    credentials: BackstageCredentials;
  }): Promise<SystemCost>;

  /** The price table in use. */
  prices(): Promise<Price[]>;

  /** The cost change between two revisions of the repositories. */
  diff(request: {
    gitopsConfig?: RevisionPair;
    infrastructure?: RevisionPair;
  }): Promise<CostDiff>;
}

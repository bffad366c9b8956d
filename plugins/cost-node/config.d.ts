export interface Config {
  /**
   * The cost plugin: prices what each service's overlays request and what
   * Terraform provisions for it (the repositories are
   * `goldenpath.repositories`). The prices and assumptions here are read
   * wherever the cost model runs: the cost backend and the `cost:estimate`
   * scaffolder action.
   */
  cost?: {
    /**
     * Prices that replace or add to the built-in table (public AWS us-east-1
     * on-demand prices of 2026-01), matched by key. Default: none.
     */
    prices?: Array<{
      /**
       * `ec2:<type>`, `ec2-spot:<type>`, `rds:<class>`,
       * `rds-storage:<type>`, `elasticache:<node type>`,
       * `eks:control-plane`, `vpc:nat-gateway`, `vpc:nat-gateway-data`,
       * `elb:<alb|nlb|clb>`, `elb:<alb|nlb>-lcu`, `s3:standard-storage`,
       * `s3:requests`, `s3:write-requests`, `sqs:requests`.
       */
      key: string;
      /** `hour`, `GB-month`, `GB`, `LCU-hour` or `million-requests`. */
      unit: string;
      /** US dollars per unit. */
      usd: number;
      /** Where the price comes from: a URL or a document. */
      source: string;
      /** When it was read: YYYY-MM or YYYY-MM-DD. */
      date: string;
    }>;
    /**
     * vCPUs and memory of node instance types missing from the built-in
     * table (t3, t3a, m5, m6i, m6g, m7g, c5, c6i, c6g, c7g, r5, r6i, r6g,
     * r7g), by type, e.g. `m7i.large: {vcpu: 2, memoryGib: 8}`. Default: none.
     */
    instanceTypes?: {
      [instanceType: string]: {
        /** Number of vCPUs. */
        vcpu: number;
        /** Memory in GiB. */
        memoryGib: number;
      };
    };
    /** How node prices become per-vCPU and per-GiB prices. */
    compute?: {
      /**
       * How many GiB-hours a vCPU-hour costs when a node's price is split
       * between its vCPUs and memory. Default 4 (the 1 vCPU : 4 GiB shape of
       * general-purpose instances: half the price pays for CPU).
       */
      vcpuToGibPriceRatio?: number;
      /**
       * Discount of spot capacity off the on-demand price, for instance
       * types without an `ec2-spot:` price. Default 0.6 (60 % off).
       */
      spotDiscount?: number;
    };
    /** Usage the repositories cannot tell, per environment and month. */
    assumptions?: {
      /**
       * S3 usage by bucket name or module instance name; `default` for the
       * others. Default: `default: {storageGb: 100, requestsMillions: 1,
       * writeRequestsMillions: 0.1}`.
       */
      s3?: {
        [bucketOrDefault: string]: {
          /** Standard storage in GB. Default: the `default` entry's. */
          storageGb?: number;
          /** GET-class requests in millions. Default: the `default` entry's. */
          requestsMillions?: number;
          /** PUT-class requests in millions. Default: the `default` entry's. */
          writeRequestsMillions?: number;
        };
      };
      /** SQS requests. */
      sqs?: {
        /** Requests per queue in millions. Default 1. */
        requestsMillions?: number;
        /** Requests per dead-letter queue (tag Queue = "dead-letter") in millions. Default 0. */
        deadLetterRequestsMillions?: number;
        /** Requests by queue name or module instance name. Default: none. */
        queues?: {
          [queue: string]: {
            /** Requests in millions. */
            requestsMillions: number;
          };
        };
      };
      /** NAT gateways. */
      natGateway?: {
        /** Data processed by an environment's NAT gateways in GB. Default 100. */
        dataProcessedGb?: number;
      };
      /** The load balancers in front of each cluster (the ingress controller's). */
      loadBalancers?: {
        /** `alb`, `nlb` or `clb`. Default `nlb`. */
        type?: 'alb' | 'nlb' | 'clb';
        /** How many per environment. Default 1. */
        count?: number;
        /** Capacity units used per hour (ALB LCU, NLB NLCU). Default 1. */
        lcus?: number;
      };
      /**
       * A flat monthly figure in USD for modules without a pricing rule, by
       * module instance name or module kind (e.g. `sns: 1`,
       * `cloudwatch: 40`). Default: none (such modules are reported as
       * unpriced).
       */
      flatMonthlyUsd?: {
        [moduleOrKind: string]: number;
      };
    };
  };
}

import { ConfigReader } from '@backstage/config';
import { DEFAULT_PRICES } from './defaults';
import { defaultCostSettings, readCostSettings } from './costSettings';

describe('readCostSettings', () => {
  it('gives the defaults without config, every price with its source and date', () => {
    const settings = readCostSettings(new ConfigReader({}));
    expect(settings).toEqual(defaultCostSettings());
    for (const price of DEFAULT_PRICES) {
      expect(price.source).toMatch(/^https:\/\/aws\.amazon\.com\//);
      expect(price.date).toBe('2026-01');
    }
    const usd = (key: string) => settings.prices.find(p => p.key === key)?.usd;
    expect(usd('ec2:m5.large')).toBe(0.096);
    expect(usd('rds:db.r5.large')).toBe(0.25);
    expect(usd('eks:control-plane')).toBe(0.1);
    expect(usd('sqs:requests')).toBe(0.4);
  });

  it('reads assumptions, falling back to the default bucket field by field', () => {
    const settings = readCostSettings(
      new ConfigReader({
        cost: {
          compute: { vcpuToGibPriceRatio: 7.5, spotDiscount: 0.7 },
          instanceTypes: { 'x9.mega': { vcpu: 8, memoryGib: 64 } },
          assumptions: {
            s3: {
              default: { storageGb: 10 },
              'ecommerce-product-images-prod': { storageGb: 2000 },
            },
            sqs: {
              requestsMillions: 3,
              queues: { order_queue: { requestsMillions: 50 } },
            },
            loadBalancers: { type: 'alb', count: 2 },
            flatMonthlyUsd: { cloudwatch: 40 },
          },
        },
      }),
    );
    expect(settings.vcpuToGibPriceRatio).toBe(7.5);
    expect(settings.spotDiscount).toBe(0.7);
    expect(settings.instanceTypes['x9.mega']).toEqual({
      vcpu: 8,
      memoryGib: 64,
    });
    expect(settings.instanceTypes['t3.large']).toEqual({
      vcpu: 2,
      memoryGib: 8,
    });
    expect(settings.assumptions.s3).toEqual({
      default: {
        storageGb: 10,
        requestsMillions: 1,
        writeRequestsMillions: 0.1,
      },
      'ecommerce-product-images-prod': {
        storageGb: 2000,
        requestsMillions: 1,
        writeRequestsMillions: 0.1,
      },
    });
    expect(settings.assumptions.sqs).toEqual({
      requestsMillions: 3,
      deadLetterRequestsMillions: 0,
      queues: { order_queue: { requestsMillions: 50 } },
    });
    expect(settings.assumptions.loadBalancers).toEqual({
      type: 'alb',
      count: 2,
      lcus: 1,
    });
    expect(settings.assumptions.flatMonthlyUsd).toEqual({ cloudwatch: 40 });
  });

  it('fails naming the key that is wrong', () => {
    const read = (cost: object) => () =>
      readCostSettings(new ConfigReader({ cost }));
    const price = {
      key: 'ec2:m5.large',
      unit: 'hour',
      usd: 0.1,
      source: 'x',
      date: '2026-01',
    };
    expect(read({ prices: [price, { ...price, usd: -1 }] })).toThrow(
      "Invalid config at 'cost.prices[1].usd': expected a price of 0 or more, got -1",
    );
    expect(read({ prices: [{ ...price, key: 'm5.large' }] })).toThrow(
      "Invalid config at 'cost.prices[0].key'",
    );
    expect(read({ prices: [{ ...price, date: 'January' }] })).toThrow(
      "Invalid config at 'cost.prices[0].date': 'January' is not a date",
    );
    expect(
      read({
        prices: [
          { key: 'ec2:m5.large', unit: 'hour', usd: 0.1, date: '2026-01' },
        ],
      }),
    ).toThrow(/cost\.prices\[0\]\.source/);
    expect(read({ compute: { spotDiscount: 1.5 } })).toThrow(
      "Invalid config at 'cost.compute.spotDiscount'",
    );
    expect(
      read({ assumptions: { s3: { default: { storageGb: -5 } } } }),
    ).toThrow("Invalid config at 'cost.assumptions.s3.default.storageGb'");
    expect(read({ assumptions: { loadBalancers: { type: 'gwlb' } } })).toThrow(
      "Invalid config at 'cost.assumptions.loadBalancers.type': 'gwlb'; expected alb, nlb or clb",
    );
  });
});

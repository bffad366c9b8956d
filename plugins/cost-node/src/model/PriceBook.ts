import { Price } from '@goldenpath/backstage-plugin-cost-common';

/** The price table, by key. */
export class PriceBook {
  private readonly byKey: Map<string, Price>;

  constructor(prices: Price[]) {
    this.byKey = new Map(prices.map(p => [p.key, p]));
  }

  get(key: string): Price | undefined {
    return this.byKey.get(key);
  }

  all(): Price[] {
    return [...this.byKey.values()];
  }
}

/** Why a line has no figure when a price is missing. */
export function missingPrice(key: string, unit: string): string {
  return `${key} is not in the price table; add {key: ${key}, unit: ${unit}, usd, source, date} to cost.prices`;
}

/** Prices used by lines, once each, in key order. */
export function distinctPrices(prices: Iterable<Price>): Price[] {
  const byKey = new Map<string, Price>();
  for (const price of prices) byKey.set(price.key, price);
  return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
}

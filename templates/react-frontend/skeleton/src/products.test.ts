import { describe, expect, it } from 'vitest';
import { type Product, filterProducts, formatPrice } from './products';

const PRODUCTS: Product[] = [
  { id: 'a', name: 'Blue mug', priceCents: 1200 },
  { id: 'b', name: 'Red mug', priceCents: 1250 },
  { id: 'c', name: 'Teapot', priceCents: 3490 },
];

describe('filterProducts', () => {
  it('matches part of the name, ignoring case and surrounding spaces', () => {
    expect(filterProducts(PRODUCTS, '  MUG ').map(p => p.id)).toEqual(['a', 'b']);
  });

  it('keeps every product for an empty query', () => {
    expect(filterProducts(PRODUCTS, '')).toHaveLength(3);
  });

  it('keeps none when no name contains the query', () => {
    expect(filterProducts(PRODUCTS, 'sofa')).toEqual([]);
  });
});

describe('formatPrice', () => {
  it('formats cents as US dollars', () => {
    expect(formatPrice(3490)).toBe('$34.90');
    expect(formatPrice(5)).toBe('$0.05');
  });
});

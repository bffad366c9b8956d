/** A product as the storefront lists it. */
export interface Product {
  id: string;
  name: string;
  /** Price in cents, so that sums are exact. */
  priceCents: number;
}

/**
 * Example data for the template's search page. Replace it with a call to the
 * product catalog API (same origin, routed by the Ingress) when the app has
 * one.
 */
export const SAMPLE_PRODUCTS: readonly Product[] = [
  { id: 'mug-blue', name: 'Blue mug', priceCents: 1200 },
  { id: 'mug-red', name: 'Red mug', priceCents: 1200 },
  { id: 'plate', name: 'Dinner plate', priceCents: 1850 },
  { id: 'teapot', name: 'Teapot', priceCents: 3490 },
];

const priceFormat = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

export function formatPrice(priceCents: number): string {
  return priceFormat.format(priceCents / 100);
}

/** Products whose name contains the query, ignoring case and surrounding spaces. */
export function filterProducts(products: readonly Product[], query: string): Product[] {
  const needle = query.trim().toLocaleLowerCase();
  return products.filter(product => product.name.toLocaleLowerCase().includes(needle));
}

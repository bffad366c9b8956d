import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Product } from '../products';
import { ProductSearch } from './ProductSearch';

const PRODUCTS: Product[] = [
  { id: 'a', name: 'Blue mug', priceCents: 1200 },
  { id: 'b', name: 'Red mug', priceCents: 1250 },
  { id: 'c', name: 'Teapot', priceCents: 3490 },
];

function listedNames(): string[] {
  const list = screen.queryByRole('list');
  if (!list) return [];
  return within(list)
    .getAllByRole('listitem')
    .map(item => item.querySelector('span')?.textContent ?? '');
}

describe('ProductSearch', () => {
  it('lists every product with its price before anything is typed', () => {
    render(<ProductSearch products={PRODUCTS} />);

    expect(listedNames()).toEqual(['Blue mug', 'Red mug', 'Teapot']);
    expect(screen.getByText('$34.90')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(/^3 products$/);
  });

  it('narrows the list as the user types', async () => {
    const user = userEvent.setup();
    render(<ProductSearch products={PRODUCTS} />);

    await user.type(screen.getByLabelText('Search products'), 'red');

    expect(listedNames()).toEqual(['Red mug']);
    expect(screen.getByRole('status')).toHaveTextContent(/^1 product$/);
  });

  it('says so when nothing matches', async () => {
    const user = userEvent.setup();
    render(<ProductSearch products={PRODUCTS} />);

    await user.type(screen.getByLabelText('Search products'), 'sofa');

    expect(screen.queryByRole('list')).not.toBeInTheDocument();
    expect(screen.getByText('No product matches “sofa”.')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(/^0 products$/);
  });
});

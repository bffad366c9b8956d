import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from './App';
import { SAMPLE_PRODUCTS } from './products';

describe('App', () => {
  it('shows the app name as the page heading', () => {
    render(<App />);

    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('${{ values.name }}');
  });

  it('shows the product search over the sample products', () => {
    render(<App />);

    expect(screen.getByLabelText('Search products')).toBeInTheDocument();
    expect(screen.getAllByRole('listitem')).toHaveLength(SAMPLE_PRODUCTS.length);
  });
});

import { useId, useState } from 'react';
import { filterProducts, formatPrice, type Product } from '../products';

export interface ProductSearchProps {
  products: readonly Product[];
}

export function ProductSearch({ products }: ProductSearchProps) {
  const [query, setQuery] = useState('');
  const inputId = useId();
  const matches = filterProducts(products, query);

  return (
    <section aria-labelledby={`${inputId}-heading`}>
      <h2 id={`${inputId}-heading`}>Products</h2>
      <label htmlFor={inputId}>Search products</label>
      <input
        id={inputId}
        type="search"
        value={query}
        onChange={event => setQuery(event.target.value)}
        autoComplete="off"
      />
      {/* Announced by screen readers as the list changes. */}
      <p role="status">
        {matches.length === 1 ? '1 product' : `${matches.length} products`}
      </p>
      {matches.length > 0 ? (
        <ul className="product-list">
          {matches.map(product => (
            <li key={product.id}>
              <span>{product.name}</span> <span>{formatPrice(product.priceCents)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>No product matches “{query.trim()}”.</p>
      )}
    </section>
  );
}

import { ProductSearch } from './components/ProductSearch';
import { SAMPLE_PRODUCTS } from './products';

export const APP_NAME = '${{ values.name }}';
export const APP_DESCRIPTION = ${{ values.description | dump }};

export function App() {
  return (
    <>
      <header className="app-header">
        <h1>{APP_NAME}</h1>
        {APP_DESCRIPTION && <p>{APP_DESCRIPTION}</p>}
      </header>
      <main className="app-main">
        <ProductSearch products={SAMPLE_PRODUCTS} />
      </main>
    </>
  );
}

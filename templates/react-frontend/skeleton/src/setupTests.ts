// Adds the DOM matchers (toBeInTheDocument, toHaveTextContent, ...) to expect.
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// Testing Library unmounts automatically only where test globals are enabled;
// vitest runs without them here.
afterEach(() => {
  cleanup();
});

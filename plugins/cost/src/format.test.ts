import {
  formatCpu,
  formatMemory,
  formatPriceDate,
  formatUnitPrice,
  formatUsd,
  formatUsdRange,
} from './format';

describe('format', () => {
  it('writes dollars the en-US way', () => {
    expect(formatUsd(1234.5)).toBe('$1,234.50');
    expect(formatUsd(-12.5)).toBe('-$12.50');
    expect(formatUsdRange({ minMonthlyUsd: 28.47, maxMonthlyUsd: 189.8 })).toBe(
      '$28.47 – $189.80',
    );
  });

  it('keeps the precision of unit prices', () => {
    expect(formatUnitPrice(0.0208)).toBe('$0.0208');
    expect(formatUnitPrice(0.4)).toBe('$0.40');
  });

  it('writes CPU and memory as Kubernetes manifests do', () => {
    expect(formatCpu(0.35)).toBe('350m');
    expect(formatCpu(2)).toBe('2');
    expect(formatCpu(undefined)).toBe('—');
    expect(formatMemory(768 * 1024 * 1024)).toBe('768Mi');
    expect(formatMemory(2 * 1024 ** 3)).toBe('2Gi');
    expect(formatMemory(1.5 * 1024 ** 3)).toBe('1536Mi');
  });

  it('dates a price as precisely as it was written', () => {
    expect(formatPriceDate('2026-01')).toBe('Jan 2026');
    expect(formatPriceDate('2026-01-15')).toBe('Jan 15, 2026');
    expect(formatPriceDate('last spring')).toBe('last spring');
  });
});

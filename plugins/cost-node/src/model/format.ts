/** Rounds to cents. */
export function cents(usd: number): number {
  return Math.round(usd * 100) / 100;
}

// toLocaleString is slow enough to matter when every line of 1,500
// deployments is described: group thousands by hand.
function grouped(integer: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `$1,234.56`, for monthly amounts. */
export function money(usd: number): string {
  const [integer, decimals] = Math.abs(usd).toFixed(2).split('.');
  return `${usd < 0 ? '-' : ''}$${grouped(integer)}.${decimals}`;
}

/** `$0.0832`, `$0.10`, `$5.00`: unit prices, to four significant digits. */
export function unitPrice(usd: number): string {
  if (usd >= 1 || usd === 0) return money(usd);
  const text = String(Number(usd.toPrecision(4)));
  const decimals = text.split('.')[1]?.length ?? 0;
  return `$${decimals < 2 ? usd.toFixed(2) : text}`;
}

/** A quantity to at most four significant digits: `0.5`, `0.375`, `1,200`. */
export function amount(value: number): string {
  const [integer, decimals] = String(Number(value.toPrecision(4))).split('.');
  return decimals ? `${grouped(integer)}.${decimals}` : grouped(integer);
}

/** `3 replicas`, `1 replica`. */
export function count(value: number, noun: string, plural = `${noun}s`) {
  return `${amount(value)} ${value === 1 ? noun : plural}`;
}

/** `12.5 %` */
export function percent(fraction: number): string {
  return `${amount(fraction * 100)} %`;
}

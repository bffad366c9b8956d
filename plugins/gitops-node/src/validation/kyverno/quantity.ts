const BINARY_SUFFIXES: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const DECIMAL_SUFFIXES: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

/**
 * Parses a Kubernetes resource quantity (`500m`, `1Gi`, `2`, `1e3`) into its
 * value, or returns undefined when the text is not a quantity.
 */
export function parseQuantity(text: string): number | undefined {
  const match = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(.*)$/.exec(text.trim());
  if (!match) {
    return undefined;
  }
  const [, number, suffix] = match;
  const value = Number(number);
  // `1E` is exa, `1E3` is an exponent: the exponent form needs digits.
  const exponent = /^[eE]([+-]?\d+)$/.exec(suffix);
  if (exponent) {
    return value * 10 ** Number(exponent[1]);
  }
  if (suffix in BINARY_SUFFIXES) {
    return value * BINARY_SUFFIXES[suffix];
  }
  if (suffix in DECIMAL_SUFFIXES) {
    return value * DECIMAL_SUFFIXES[suffix];
  }
  return undefined;
}

const DURATION_UNITS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/**
 * Parses a Go duration (`30s`, `1h30m`, `0`) into nanoseconds, or returns
 * undefined when the text is not one, the way Go's time.ParseDuration does.
 */
export function parseDuration(text: string): number | undefined {
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') {
    return 0;
  }
  if (rest === '') {
    return undefined;
  }
  let total = 0;
  const part = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;
  while (rest !== '') {
    const match = part.exec(rest);
    if (!match) {
      return undefined;
    }
    total += Number(match[1]) * DURATION_UNITS[match[2]];
    rest = rest.slice(match[0].length);
  }
  return sign * total;
}

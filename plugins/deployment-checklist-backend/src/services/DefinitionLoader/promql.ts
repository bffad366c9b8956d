/** Replaces `$service`, `$environment` and `$version`. */
export function substitutePlaceholders(
  text: string,
  values: { service: string; environment?: string; version: string },
): string {
  return text
    .replace(/\$service\b/g, values.service)
    .replace(/\$environment\b/g, values.environment ?? '')
    .replace(/\$version\b/g, values.version);
}

const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const CLOSERS = new Set(Object.values(OPENERS));
const BINARY_AT_END =
  /(?:[-+*/%^=<>!~]|\b(?:and|or|unless|by|without|on|ignoring|group_left|group_right|offset|bool))\s*$/;

/**
 * A small syntax check of a PromQL expression, used when no Prometheus is
 * configured to parse it: the expression is not empty, quotes are closed,
 * brackets balance and match, no group is empty except a function's argument
 * list, and it does not end in an operator. It does not know PromQL's grammar
 * or function names. Returns the problem, or undefined.
 */
export function checkPromqlSyntax(expression: string): string | undefined {
  const text = expression.trim();
  if (!text) return 'the expression is empty';
  const stack: Array<{ char: string; at: number }> = [];
  let previousSignificant = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"' || char === "'" || char === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== char) {
        if (text[j] === '\\' && char !== '`') j++;
        j++;
      }
      if (j >= text.length) {
        return `unterminated string starting at column ${i + 1}`;
      }
      i = j;
      previousSignificant = char;
      continue;
    }
    if (char === '#') {
      // A comment runs to the end of the line.
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (OPENERS[char]) {
      stack.push({ char, at: i });
    } else if (CLOSERS.has(char)) {
      const open = stack.pop();
      if (!open) {
        return `unexpected '${char}' at column ${i + 1}`;
      }
      if (OPENERS[open.char] !== char) {
        return `'${open.char}' at column ${
          open.at + 1
        } is closed by '${char}' at column ${i + 1}`;
      }
      if (previousSignificant === open.char && char !== '}' && char !== ')') {
        return `empty '${open.char}${char}' at column ${open.at + 1}`;
      }
      if (previousSignificant === '(' && char === ')') {
        // `()` is only valid as an empty argument list, e.g. time().
        const before = text.slice(0, open.at).trimEnd();
        if (!/[A-Za-z_][A-Za-z0-9_]*$/.test(before)) {
          return `empty '()' at column ${open.at + 1}`;
        }
      }
    }
    if (!/\s/.test(char)) previousSignificant = char;
  }
  const unclosed = stack.pop();
  if (unclosed) {
    return `'${unclosed.char}' at column ${unclosed.at + 1} is never closed`;
  }
  if (BINARY_AT_END.test(text)) {
    return 'the expression ends with an operator';
  }
  return undefined;
}

/** Parses PromQL; resolves with the parse error, or undefined when valid. */
export interface PromqlValidator {
  /** How expressions are checked, for logs and docs. */
  readonly method: string;
  validate(expression: string): Promise<string | undefined>;
}

/** The expression with placeholders replaced by plausible values. */
export function withSamplePlaceholders(expression: string): string {
  return substitutePlaceholders(expression, {
    service: 'service',
    environment: 'prod',
    version: 'v1.0.0',
  });
}

/** Validates with {@link checkPromqlSyntax}. */
export function createSyntaxPromqlValidator(): PromqlValidator {
  return {
    method: 'syntax check',
    async validate(expression) {
      return checkPromqlSyntax(withSamplePlaceholders(expression));
    },
  };
}

/**
 * Validates with a Prometheus server's parser: `/api/v1/parse_query`
 * (Prometheus 2.45+), or `/api/v1/format_query` (2.38+), which also parses.
 * When the server cannot be reached, falls back to the syntax check.
 */
export function createPrometheusPromqlValidator(options: {
  baseUrl: string;
  timeoutMs?: number;
  onUnreachable?: (error: Error) => void;
}): PromqlValidator {
  const fallback = createSyntaxPromqlValidator();
  const base = options.baseUrl.replace(/\/$/, '');
  let endpoint: 'parse_query' | 'format_query' = 'parse_query';

  const ask = async (path: string, expression: string) => {
    const response = await fetch(
      `${base}/api/v1/${path}?query=${encodeURIComponent(expression)}`,
      { signal: AbortSignal.timeout(options.timeoutMs ?? 5000) },
    );
    return response;
  };

  return {
    method: `Prometheus at ${base}`,
    async validate(expression) {
      const sample = withSamplePlaceholders(expression);
      try {
        let response = await ask(endpoint, sample);
        if (response.status === 404 && endpoint === 'parse_query') {
          endpoint = 'format_query';
          response = await ask(endpoint, sample);
        }
        const body = (await response.json()) as {
          status?: string;
          error?: string;
        };
        if (body.status === 'success') return undefined;
        if (response.status === 400 && body.error) {
          return body.error.replace(/^invalid parameter "query": /, '');
        }
        throw new Error(`HTTP ${response.status} ${body.error ?? ''}`.trim());
      } catch (error) {
        options.onUnreachable?.(error as Error);
        return fallback.validate(expression);
      }
    },
  };
}

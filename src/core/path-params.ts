/**
 * Encodes one path parameter so no id can change the route: `a/b?c` becomes
 * `a%2Fb%3Fc`. The dot segments `.` and `..` survive encoding (URL parsers resolve
 * `%2e%2e` as well), and an empty id would turn `/servers/{id}` into the list route,
 * so those are refused before any request goes out.
 */
export function encodePathParam(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new TypeError(
      `The ${name} argument takes a non-empty string; received ${describe(value)}.`,
    );
  }
  if (value === '.' || value === '..') {
    throw new TypeError(
      `The ${name} argument cannot be "${value}"; a dot segment would change the request path.`,
    );
  }
  try {
    return encodeURIComponent(value);
  } catch {
    // URIError: a lone surrogate (half of an emoji, say) has no UTF-8 form for a URL.
    throw new TypeError(
      `The ${name} argument holds a lone UTF-16 surrogate, which a URL cannot carry.`,
    );
  }
}

function describe(value: unknown): string {
  if (value === '') return 'an empty string';
  if (value === null || value === undefined) return String(value);
  return `a value of type ${typeof value}`;
}

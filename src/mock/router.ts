/** One operation's place in the route table. */
export interface RouteDefinition<H> {
  method: string;
  /** Path template with `{param}` segments, e.g. `/api/v1/servers/{id}`. */
  path: string;
  operationId: string;
  handler: H;
}

/** The outcome of routing a request. */
export type RouteMatch<H> =
  | { kind: 'found'; route: RouteDefinition<H>; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allow: string[] }
  | { kind: 'not_found' };

interface CompiledPath<H> {
  segments: string[];
  /** Index of each `{param}` segment, with its name. */
  params: Array<[number, string]>;
  byMethod: Map<string, RouteDefinition<H>>;
}

const isParam = (segment: string): boolean => segment.startsWith('{') && segment.endsWith('}');

/**
 * A route table compiled once per mock: static paths resolve with one map
 * read, parameterised paths by comparing segments, so routing costs the same
 * whether a world has three routes or sixty.
 */
export class Router<H> {
  private readonly staticPaths = new Map<string, CompiledPath<H>>();
  private readonly dynamicPaths: CompiledPath<H>[] = [];

  constructor(routes: Array<RouteDefinition<H>>) {
    const byTemplate = new Map<string, CompiledPath<H>>();
    for (const route of routes) {
      let compiled = byTemplate.get(route.path);
      if (!compiled) {
        const segments = route.path.split('/');
        const params: Array<[number, string]> = [];
        segments.forEach((segment, index) => {
          if (isParam(segment)) params.push([index, segment.slice(1, -1)]);
        });
        compiled = { segments, params, byMethod: new Map() };
        byTemplate.set(route.path, compiled);
        if (params.length === 0) this.staticPaths.set(route.path, compiled);
        else this.dynamicPaths.push(compiled);
      }
      compiled.byMethod.set(route.method.toUpperCase(), route);
    }
    // Literal segments beat parameters: /webhook-endpoints/{id}/deliveries must
    // not be shadowed by a shorter or more generic template.
    this.dynamicPaths.sort((a, b) => a.params.length - b.params.length);
  }

  /** Finds the route for a method and a path already stripped of the base URL. */
  match(method: string, pathname: string): RouteMatch<H> {
    const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
    const exact = this.staticPaths.get(path);
    if (exact) return this.pick(exact, method, {});
    const segments = path.split('/');
    for (const compiled of this.dynamicPaths) {
      const params = this.matchSegments(compiled, segments);
      if (params) return this.pick(compiled, method, params);
    }
    return { kind: 'not_found' };
  }

  private matchSegments(
    compiled: CompiledPath<H>,
    segments: string[],
  ): Record<string, string> | undefined {
    if (compiled.segments.length !== segments.length) return undefined;
    for (let i = 0; i < segments.length; i++) {
      const template = compiled.segments[i] as string;
      const actual = segments[i] as string;
      if (isParam(template) ? actual === '' : template !== actual) return undefined;
    }
    const params: Record<string, string> = {};
    for (const [index, name] of compiled.params) {
      params[name] = safeDecode(segments[index] as string);
    }
    return params;
  }

  private pick(
    compiled: CompiledPath<H>,
    method: string,
    params: Record<string, string>,
  ): RouteMatch<H> {
    const route = compiled.byMethod.get(method);
    if (route) return { kind: 'found', route, params };
    return { kind: 'method_not_allowed', allow: [...compiled.byMethod.keys()] };
  }
}

const safeDecode = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A malformed escape is left as sent; validation then rejects the id.
    return segment;
  }
};

// What the browser page reports back on `window.__results`.

/** The outcome of one step the page ran. */
export type StepResult = { ok: true; value: unknown } | { ok: false; error: string };

/** Everything the page ran, by step name, once it has finished. */
export interface PageResults {
  userAgent: string;
  steps: Record<string, StepResult>;
}

/** How a signature vector came out in the browser: `valid` or the failure reason. */
export interface VectorOutcome {
  name: string;
  outcome: string;
}

// The browser test page: it runs each step and reports on window.__results. It imports the
// entry points' sources so the repository type-checks it before a build; harness.ts bundles
// it with those imports pointed at the built package (`puchify/webhooks` and so on).
import { signPayload, verifySignature, WebhookVerificationError } from '../../src/webhooks/index';
import vectorsJson from '../webhooks/vectors.json';
import type { SignatureVector } from '../webhooks/vector-cases';
import type { PageResults, StepResult, VectorOutcome } from './results';

declare global {
  interface Window {
    __results?: PageResults;
  }
}

const vectors = vectorsJson as SignatureVector[];

async function step(run: () => Promise<unknown>): Promise<StepResult> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return {
      ok: false,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
}

function vectorPayload(vector: SignatureVector): string | Uint8Array | ArrayBuffer {
  if (vector.bodyAs === 'string') return vector.body;
  const bytes = new TextEncoder().encode(vector.body);
  return vector.bodyAs === 'bytes' ? bytes : bytes.buffer;
}

/** Runs every shared signature vector against the Web Crypto build. */
async function runVectors(): Promise<VectorOutcome[]> {
  return Promise.all(
    vectors.map(async (vector) => {
      try {
        await verifySignature(vectorPayload(vector), vector.header, vector.secret, {
          now: vector.nowSec * 1000,
        });
        return { name: vector.name, outcome: 'valid' };
      } catch (error) {
        const outcome =
          error instanceof WebhookVerificationError ? error.reason : `unexpected: ${String(error)}`;
        return { name: vector.name, outcome };
      }
    }),
  );
}

/** Signs a fresh delivery in the page and verifies it with the current clock. */
async function signAndVerify(): Promise<string> {
  const body = JSON.stringify({ id: 'evt_browser', type: 'server.created', data: {} });
  const header = await signPayload(body, 'whsec_browser');
  await verifySignature(body, header, 'whsec_browser');
  return header;
}

async function main(): Promise<void> {
  const steps: Record<string, StepResult> = {};
  steps['vectors'] = await step(runVectors);
  steps['signAndVerify'] = await step(signAndVerify);
  window.__results = { userAgent: navigator.userAgent, steps };
}

void main();

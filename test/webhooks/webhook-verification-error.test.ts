import { describe, expect, it } from 'vitest';
import { WebhookVerificationError } from '../../src/webhooks/webhook-verification-error';

describe('WebhookVerificationError', () => {
  it('carries name, reason, message and cause', () => {
    const cause = new SyntaxError('bad');
    const error = new WebhookVerificationError('invalid_payload', 'Body is odd.', { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('WebhookVerificationError');
    expect(error.reason).toBe('invalid_payload');
    expect(error.message).toBe('Body is odd.');
    expect(error.cause).toBe(cause);
  });
});

import { describe, expect, it } from 'vitest';
import { parseSignatureHeader } from '../../src/webhooks/signature-header';
import { WebhookVerificationError } from '../../src/webhooks/webhook-verification-error';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

function failure(input: Parameters<typeof parseSignatureHeader>[0]): WebhookVerificationError {
  try {
    parseSignatureHeader(input);
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error;
    throw error;
  }
  throw new Error('expected the header to be refused');
}

describe('parseSignatureHeader', () => {
  it('reads the timestamp and every v1 signature in header order', () => {
    expect(parseSignatureHeader(`t=1700000000,v1=${A},v1=${B}`)).toEqual([1_700_000_000, [A, B]]);
  });

  it('ignores unknown schemes and empty items, tolerating whitespace', () => {
    expect(parseSignatureHeader(` v0=x ,, t =12\t,v2=y, v1 = ${A} ,`)).toEqual([12, [A]]);
  });

  it('joins the parts of a header given as an array', () => {
    expect(parseSignatureHeader(['t=5', `v1=${A}`])).toEqual([5, [A]]);
  });

  it.each([[''], ['  '], [null], [undefined], [[]]])('treats %o as a missing header', (input) => {
    expect(failure(input).reason).toBe('missing_header');
    expect(failure(input).message).toBe('The X-Puchify-Signature header is missing or empty.');
  });

  it.each([
    [`v1=${A}`, 'lacks t='],
    ['t=1', 'lacks v1='],
    ['t=1,V1=abc', 'lacks v1='],
    ['t=1,v0=abc', 'lacks v1='],
    ['t=1,v1=', 'has a bad item "v1="'],
    ['t=,v1=ab', 'has a bad item "t="'],
    ['t=1,t=2,v1=ab', 'has a second or non-numeric t= "2"'],
    ['t=1,t=1,v1=ab', 'has a second or non-numeric t= "1"'],
    ['t=abc,v1=ab', 'has a second or non-numeric t= "abc"'],
    ['t=-1,v1=ab', 'has a second or non-numeric t= "-1"'],
    ['t=1.5,v1=ab', 'has a second or non-numeric t= "1.5"'],
    ['t=0x10,v1=ab', 'has a second or non-numeric t= "0x10"'],
    ['t=1 2,v1=ab', 'has a second or non-numeric t= "1 2"'],
    ['t=1234567890123456,v1=ab', 'has a second or non-numeric t= "1234567890123456"'],
    // The signed bytes hold t as written, and signers write no leading zero.
    ['t=01700000000,v1=ab', 'has a second or non-numeric t= "01700000000"'],
    ['t=0,v1=ab', 'has a second or non-numeric t= "0"'],
    // Control characters are escaped, so a hostile header cannot forge a log line.
    ['t=1\r\n[error] forged,v1=ab', 'has a second or non-numeric t= "1\\r\\n[error] forged"'],
    ['t=1,v1ab', 'has a bad item "v1ab"'],
    ['t=1, =ab,v1=ab', 'has a bad item "=ab"'],
  ])('refuses %j: %s', (input, problem) => {
    const error = failure(input);
    expect(error.reason).toBe('malformed_header');
    expect(error.message).toBe(
      `The X-Puchify-Signature header ${problem}; expected "t=<unix seconds>,v1=<hex>".`,
    );
  });

  it('cuts a long offending value short in the message', () => {
    const message = failure(`t=${'9'.repeat(40)}x,v1=ab`).message;
    expect(message).toContain(`"${'9'.repeat(24)}"`);
    expect(message).not.toContain('9'.repeat(25));
  });
});

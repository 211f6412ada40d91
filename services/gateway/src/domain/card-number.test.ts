import { describe, expect, it } from 'vitest';
import { isValidCardNumber, normaliseCardNumber, passesLuhn } from './card-number';

describe('normaliseCardNumber', () => {
  it('removes the spaces and dashes people type between digit groups', () => {
    expect(normaliseCardNumber('4242 4242-4242\t4242')).toBe('4242424242424242');
  });

  it('leaves letters in place so validation can reject them', () => {
    expect(normaliseCardNumber('4242 abcd')).toBe('4242abcd');
  });
});

describe('passesLuhn', () => {
  it.each(['4242424242424242', '4000000000000002', '4000000000009995', '79927398713'])(
    'accepts %s, whose checksum is right',
    (digits) => {
      expect(passesLuhn(digits)).toBe(true);
    },
  );

  it('rejects a number with one digit mistyped', () => {
    expect(passesLuhn('4242424242424241')).toBe(false);
  });

  it('rejects anything that is not only digits, including the empty string', () => {
    expect(passesLuhn('')).toBe(false);
    expect(passesLuhn('4242 4242')).toBe(false);
    expect(passesLuhn('42a2')).toBe(false);
  });
});

describe('isValidCardNumber', () => {
  it.each(['4242424242424242', '4000000000000002', '4000000000009995'])('accepts the test card %s', (card) => {
    expect(isValidCardNumber(card)).toBe(true);
  });

  it('accepts a test card typed with spaces or dashes', () => {
    expect(isValidCardNumber('4242 4242 4242 4242')).toBe(true);
    expect(isValidCardNumber('4000-0000-0000-0002')).toBe(true);
  });

  it('accepts checksum-valid numbers of 12 and of 19 digits', () => {
    expect(isValidCardNumber('424242424242')).toBe(true);
    expect(isValidCardNumber('4242424242424242428')).toBe(true);
  });

  it('rejects checksum-valid numbers of 11 and of 20 digits', () => {
    expect(isValidCardNumber('42424242420')).toBe(false);
    expect(isValidCardNumber('42424242424242424242')).toBe(false);
  });

  it('rejects a number with letters in it', () => {
    expect(isValidCardNumber('4242 4242 4242 424a')).toBe(false);
  });

  it('rejects a 16-digit number with a wrong checksum', () => {
    expect(isValidCardNumber('4242424242424243')).toBe(false);
  });

  it('rejects an empty or blank number', () => {
    expect(isValidCardNumber('')).toBe(false);
    expect(isValidCardNumber(' - ')).toBe(false);
  });
});

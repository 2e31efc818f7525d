import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { amountOf, isZero, minorToDecimal, sumByCurrency, toCurrencyDecimal } from './money.js';

describe('money formatting', () => {
  it("keeps Wave's decimal value and pairs it with the currency code", () => {
    assert.deepEqual(
      amountOf({
        raw: 15000,
        minorUnitValue: '15000',
        value: '150.00',
        currency: { code: 'USD', symbol: '$' },
      }),
      { amount: '150.00', currency: 'USD' },
    );
  });

  it('pads to the minor units of the currency and strips thousands separators', () => {
    assert.deepEqual(amountOf({ value: '1,234.5', currency: { code: 'EUR' } }), {
      amount: '1234.50',
      currency: 'EUR',
    });
    assert.equal(toCurrencyDecimal('150', 'USD'), '150.00');
    assert.equal(toCurrencyDecimal('1500', 'JPY'), '1500');
    assert.equal(toCurrencyDecimal('1.2345', 'KWD'), '1.235');
    assert.equal(toCurrencyDecimal(0.1 + 0.2, 'USD'), '0.30');
    assert.equal(toCurrencyDecimal('-12.345', 'USD'), '-12.35');
  });

  it('rebuilds the amount from minor units when value is a display string or missing', () => {
    assert.deepEqual(amountOf({ raw: 123456, value: '$1,234.56 USD', currency: { code: 'USD' } }), {
      amount: '1234.56',
      currency: 'USD',
    });
    assert.deepEqual(amountOf({ minorUnitValue: '-500', currency: { code: 'CAD' } }), {
      amount: '-5.00',
      currency: 'CAD',
    });
    assert.deepEqual(amountOf({ raw: 5, currency: { code: 'JPY' } }), { amount: '5', currency: 'JPY' });
    assert.deepEqual(amountOf({ value: '9.99', currency: null }, 'GBP'), { amount: '9.99', currency: 'GBP' });
    assert.equal(amountOf(null), undefined);
  });

  it('formats minor units exactly, without floats', () => {
    assert.equal(minorToDecimal(9_007_199_254_740_993n, 'USD'), '90071992547409.93');
    assert.equal(minorToDecimal(7n, 'USD'), '0.07');
    assert.equal(minorToDecimal(-7n, 'BHD'), '-0.007');
  });

  it('sums per currency exactly and recognises zero', () => {
    assert.deepEqual(
      sumByCurrency([
        { amount: '0.10', currency: 'USD' },
        { amount: '0.20', currency: 'USD' },
        { amount: '800.00', currency: 'EUR' },
        undefined,
      ]),
      [
        { amount: '800.00', currency: 'EUR' },
        { amount: '0.30', currency: 'USD' },
      ],
    );
    assert.equal(isZero({ amount: '0.00', currency: 'USD' }), true);
    assert.equal(isZero({ amount: '-0', currency: 'USD' }), true);
    assert.equal(isZero({ amount: '0.01', currency: 'USD' }), false);
  });
});

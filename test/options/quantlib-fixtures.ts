/** The committed QuantLib reference values (test/fixtures/options/make_quantlib_fixtures.py). */
import { readFileSync } from 'node:fs';
import type { OptionType } from '../../src/lib/options/bsm.js';
import { fixturePath } from '../helpers/tmp.js';

interface EuropeanCase {
  type: OptionType;
  spot: number;
  strike: number;
  days: number;
  rate: number;
  dividendYield: number;
  vol: number;
  price: number;
  delta: number;
  gamma: number;
  thetaPerDay: number;
  vega: number;
  rho: number;
  iv?: number;
}

export const quantlib = JSON.parse(readFileSync(fixturePath('options', 'quantlib.json'), 'utf8')) as {
  european: EuropeanCase[];
  american: Array<Omit<EuropeanCase, 'price'> & { lr: Record<string, number>; lrRichardson: number; fd: number }>;
};

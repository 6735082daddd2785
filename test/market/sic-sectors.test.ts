import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sectorOfSic } from '../../src/lib/market/sic-sectors.js';

// SIC codes and titles from the OSHA SIC Manual (https://www.osha.gov/data/sic-manual) and SEC EDGAR company pages.
test('SIC codes map to sectors: industry groups split out of their major group first', () => {
  const cases: Array<[string | null, string | null]> = [
    ['3571', 'Information Technology'], // Electronic Computers (Apple)
    ['3674', 'Information Technology'], // Semiconductors & Related Devices (NVIDIA)
    ['7372', 'Information Technology'], // Prepackaged Software (Microsoft)
    ['7370', 'Information Technology'], // Computer Programming, Data Processing (Alphabet, Meta)
    ['5961', 'Consumer Discretionary'], // Catalog & Mail-Order Houses (Amazon)
    ['3711', 'Consumer Discretionary'], // Motor Vehicles & Passenger Car Bodies (Tesla)
    ['3721', 'Industrials'], // Aircraft: major group 37 without the vehicle split
    ['2834', 'Health Care'], // Pharmaceutical Preparations
    ['2821', 'Materials'], // Plastics Materials: major group 28
    ['1311', 'Energy'], // Crude Petroleum & Natural Gas
    ['6022', 'Financials'], // State Commercial Banks
    ['6798', 'Real Estate'], // Real Estate Investment Trusts
    ['4911', 'Utilities'], // Electric Services
    ['4813', 'Communication Services'], // Telephone Communications
    ['5411', 'Consumer Staples'], // Grocery Stores
    ['9995', null], // Non-Operating Establishments
    ['9721', null], // International Affairs (public administration)
    ['', null],
    ['abc', null],
    [null, null],
  ];
  for (const [sic, sector] of cases) assert.equal(sectorOfSic(sic), sector, String(sic));
});

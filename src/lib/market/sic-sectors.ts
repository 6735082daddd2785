/**
 * SIC code → sector. The Standard Industrial Classification (SIC) is what SEC EDGAR and Polygon's ticker details
 * (`sic_code`) give for a US listed company. Its structure (divisions A–J, two-digit major groups, three-digit
 * industry groups, four-digit industries) is the OSHA SIC Manual's: https://www.osha.gov/data/sic-manual. The
 * sector names are the eleven GICS sectors (MSCI / S&P Global); the assignment of SIC ranges to them is ours, by
 * major group, with the industry groups that GICS files elsewhere split out (drugs → Health Care, computers and
 * computer services → Information Technology, motor vehicles → Consumer Discretionary, …). Listed most specific
 * first: the first range that holds the code wins. Public administration (91–97) and nonclassifiable
 * establishments (99) have no sector.
 */

export const SECTORS = [
  'Communication Services',
  'Consumer Discretionary',
  'Consumer Staples',
  'Energy',
  'Financials',
  'Health Care',
  'Industrials',
  'Information Technology',
  'Materials',
  'Real Estate',
  'Utilities',
] as const;
export type Sector = (typeof SECTORS)[number];

/** [first, last] four-digit SIC codes (inclusive) and their sector. */
type SicRange = readonly [number, number, Sector];

const SPECIFIC: readonly SicRange[] = [
  [1520, 1531, 'Consumer Discretionary'], // residential building, operative builders (homebuilders)
  [2830, 2836, 'Health Care'], // drugs
  [2840, 2844, 'Consumer Staples'], // soap, detergents, perfumes, cosmetics
  [3570, 3579, 'Information Technology'], // computer and office equipment
  [3630, 3639, 'Consumer Discretionary'], // household appliances
  [3650, 3652, 'Consumer Discretionary'], // household audio and video equipment
  [3710, 3716, 'Consumer Discretionary'], // motor vehicles and equipment
  [3751, 3751, 'Consumer Discretionary'], // motorcycles, bicycles
  [3810, 3812, 'Industrials'], // search, detection, navigation, guidance (defense electronics)
  [3840, 3851, 'Health Care'], // surgical, medical, dental, ophthalmic goods
  [4920, 4925, 'Energy'], // natural gas transmission (pipelines)
  [4950, 4959, 'Industrials'], // sanitary services (waste management)
  [5120, 5122, 'Health Care'], // drugs wholesale
  [5140, 5149, 'Consumer Staples'], // groceries wholesale
  [5170, 5172, 'Energy'], // petroleum products wholesale
  [5400, 5499, 'Consumer Staples'], // food stores
  [5912, 5912, 'Consumer Staples'], // drug stores
  [6500, 6553, 'Real Estate'], // real estate
  [6798, 6798, 'Real Estate'], // real estate investment trusts
  [7310, 7319, 'Communication Services'], // advertising
  [7370, 7379, 'Information Technology'], // computer programming, data processing, software
  [8731, 8731, 'Health Care'], // commercial physical and biological research (biotech)
];

/** By major group (first two digits). */
const MAJOR_GROUPS: readonly SicRange[] = [
  [100, 999, 'Consumer Staples'], // agriculture, forestry, fishing
  [1000, 1099, 'Materials'], // metal mining
  [1200, 1399, 'Energy'], // coal; oil and gas extraction
  [1400, 1499, 'Materials'], // nonmetallic minerals
  [1500, 1799, 'Industrials'], // construction
  [2000, 2199, 'Consumer Staples'], // food, beverages, tobacco
  [2200, 2399, 'Consumer Discretionary'], // textiles, apparel
  [2400, 2499, 'Materials'], // lumber and wood
  [2500, 2599, 'Consumer Discretionary'], // furniture
  [2600, 2699, 'Materials'], // paper
  [2700, 2799, 'Communication Services'], // printing and publishing
  [2800, 2899, 'Materials'], // chemicals
  [2900, 2999, 'Energy'], // petroleum refining
  [3000, 3099, 'Materials'], // rubber and plastics
  [3100, 3199, 'Consumer Discretionary'], // leather
  [3200, 3399, 'Materials'], // stone, clay, glass; primary metals
  [3400, 3599, 'Industrials'], // fabricated metal; industrial machinery
  [3600, 3699, 'Information Technology'], // electronic equipment, semiconductors
  [3700, 3799, 'Industrials'], // transportation equipment (aircraft, ships, rail)
  [3800, 3899, 'Information Technology'], // measuring, analyzing, controlling instruments
  [3900, 3999, 'Consumer Discretionary'], // miscellaneous manufacturing (toys, jewelry, sporting goods)
  [4000, 4799, 'Industrials'], // transportation
  [4800, 4899, 'Communication Services'], // communications
  [4900, 4999, 'Utilities'], // electric, gas, water
  [5000, 5199, 'Industrials'], // wholesale trade
  [5200, 5999, 'Consumer Discretionary'], // retail trade
  [6000, 6799, 'Financials'], // banking, credit, brokers, insurance, holding and investment offices
  [7000, 7299, 'Consumer Discretionary'], // hotels, personal services
  [7300, 7399, 'Industrials'], // business services
  [7500, 7599, 'Consumer Discretionary'], // automotive repair and services
  [7600, 7699, 'Industrials'], // miscellaneous repair
  [7800, 7899, 'Communication Services'], // motion pictures
  [7900, 7999, 'Consumer Discretionary'], // amusement and recreation
  [8000, 8099, 'Health Care'], // health services
  [8100, 8199, 'Industrials'], // legal services
  [8200, 8299, 'Consumer Discretionary'], // educational services
  [8300, 8399, 'Health Care'], // social services
  [8600, 8899, 'Industrials'], // membership organizations; engineering, accounting, research, management
];

/** The sector of a SIC code ("3571" → Information Technology), or null when it has none or is not a SIC code. */
export function sectorOfSic(sicCode: string | null | undefined): Sector | null {
  if (sicCode === null || sicCode === undefined || !/^\d{3,4}$/.test(sicCode.trim())) return null;
  const code = Number(sicCode.trim());
  for (const ranges of [SPECIFIC, MAJOR_GROUPS]) {
    const hit = ranges.find(([lo, hi]) => code >= lo && code <= hi);
    if (hit) return hit[2];
  }
  return null;
}

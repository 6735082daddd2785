/**
 * Shares per unit of a symbol: 100 for an OCC option contract (`AAPL240119C00190000`, with or without `O:`), 1 for
 * a stock. Quantities of options are contracts and their prices are per share, so every value is qty × price × this.
 * Lives at the library root so positions, risk and the ledger can use it without importing the options layer.
 */
export const OPTION_MULTIPLIER = 100;

const OCC_SHAPE = /^(O:)?[A-Z.]{1,6}\d{6}[CP]\d{8}$/;

export function isOptionSymbol(symbol: string): boolean {
  return OCC_SHAPE.test(symbol);
}

export function multiplierOf(symbol: string): number {
  return isOptionSymbol(symbol) ? OPTION_MULTIPLIER : 1;
}

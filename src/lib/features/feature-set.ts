import type { BarSeries } from '../types.js';
import { doji, engulfing, hammer } from './candles.js';
import { directionalMovement } from './directional.js';
import { macd, roc, rsi } from './momentum.js';
import { sma } from './moving-average.js';
import { BARS_PER_YEAR, distanceFromHigh, distanceFromLow, gap } from './price.js';
import { stoch } from './stochastic.js';
import { atr, bollinger, logReturnVolatility } from './volatility.js';
import { obvSlope, relativeVolume } from './volume.js';

/**
 * The default feature set: every column is price-scale-free (a return, ratio, oscillator or flag),
 * so one model can score any symbol at any price level. Order is the column order of the matrix.
 */
export const FEATURE_NAMES = [
  'ret_1', // close_t/close_{t-1} - 1
  'ret_5',
  'ret_20',
  'roc_60', // ~quarterly momentum, close_t/close_{t-60} - 1
  'rsi_14', // Wilder RSI, 0..100
  'macd_norm', // MACD(12,26,9) line / close
  'macd_hist_norm', // MACD histogram / close
  'bb_pctb', // Bollinger(20,2) %b = (close - lower)/(upper - lower); 0.5 when the bands collapse
  'bb_width', // (upper - lower)/middle
  'atr_pct', // ATR(14)/close
  'adx_14',
  'di_diff_14', // +DI(14) - -DI(14)
  'stoch_k', // slow %K (14,3,3)
  'stoch_d', // slow %D (14,3,3)
  'vol_20', // sample std of 20 daily log returns
  'rel_volume_20', // volume / mean volume of the previous 20 bars
  'obv_slope_20', // (OBV_t - OBV_{t-20}) / volume over those 20 bars
  'gap', // open_t/close_{t-1} - 1
  'dist_52w_high', // close / 252-bar highest high - 1
  'dist_52w_low', // close / 252-bar lowest low - 1
  'sma_ratio_50', // close / SMA(50) - 1
  'sma_ratio_200', // close / SMA(200) - 1
  'range_pct', // (high - low)/close
  'close_location', // (close - low)/(high - low); 0.5 for a zero-range bar
  'doji',
  'engulfing',
  'hammer',
] as const;

/** Bars of history a row needs before all features exist (the 252-bar high/low window). */
export const FEATURE_WARMUP = BARS_PER_YEAR - 1;

/**
 * Every default feature as a full-length column (NaN during warm-up), in FEATURE_NAMES order.
 * Each value at bar t is computed from bars 0..t only (all indicators are causal one-pass loops).
 */
export function computeFeatureColumns(s: BarSeries): Float64Array[] {
  const { open, high, low, close, volume } = s;
  const len = close.length;
  const m = macd(close, 12, 26, 9);
  const bb = bollinger(close, 20, 2, 2);
  const atr14 = atr(high, low, close, 14);
  const dmi = directionalMovement(high, low, close, 14);
  const st = stoch(high, low, close, 14, 3, 3);
  const smaRatio50 = sma(close, 50); // SMA until the loop below turns it into the ratio
  const smaRatio200 = sma(close, 200);
  const rangePct = new Float64Array(len);
  const location = new Float64Array(len);
  // The indicator buffers are rewritten in place into their normalised features (no extra arrays).
  const macdNorm = m.macd;
  const histNorm = m.hist;
  const atrPct = atr14;
  const diDiff = dmi.dx;
  const pctB = bb.upper;
  const bandWidth = bb.lower;
  for (let i = 0; i < len; i++) {
    const c = close[i]!;
    const range = high[i]! - low[i]!;
    rangePct[i] = range / c;
    location[i] = range > 0 ? (c - low[i]!) / range : 0.5;
    macdNorm[i] = m.macd[i]! / c;
    histNorm[i] = m.hist[i]! / c;
    atrPct[i] = atr14[i]! / c;
    diDiff[i] = dmi.plusDI[i]! - dmi.minusDI[i]!;
    smaRatio50[i] = c / smaRatio50[i]! - 1;
    smaRatio200[i] = c / smaRatio200[i]! - 1;
    const upper = bb.upper[i]!;
    const lower = bb.lower[i]!;
    const middle = bb.middle[i]!;
    const width = upper - lower;
    // %b is undefined for collapsed bands (a flat 20-bar window): call it the middle, 0.5.
    pctB[i] = width > 1e-12 * middle ? (c - lower) / width : Number.isNaN(width) ? Number.NaN : 0.5;
    bandWidth[i] = width / middle;
  }
  return [
    roc(close, 1),
    roc(close, 5),
    roc(close, 20),
    roc(close, 60),
    rsi(close, 14),
    macdNorm,
    histNorm,
    pctB,
    bandWidth,
    atrPct,
    dmi.adx,
    diDiff,
    st.k,
    st.d,
    logReturnVolatility(close, 20),
    relativeVolume(volume, 20),
    obvSlope(close, volume, 20),
    gap(open, close),
    distanceFromHigh(high, close, BARS_PER_YEAR),
    distanceFromLow(low, close, BARS_PER_YEAR),
    smaRatio50,
    smaRatio200,
    rangePct,
    location,
    doji(open, high, low, close),
    engulfing(open, close),
    hammer(open, high, low, close),
  ];
}

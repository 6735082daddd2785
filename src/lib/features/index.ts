/** Technical indicators (TA-Lib-exact where TA-Lib has them), the default feature set and the matrix builder. */
export { sma, ema, emaK, emaSeededAt } from './moving-average.js';
export { rsi, macd, roc, type Macd } from './momentum.js';
export { fastK, stoch, stochf, type Stoch } from './stochastic.js';
export { stddev, bollinger, trueRange, trueRangeAt, atr, logReturnVolatility, type Bollinger } from './volatility.js';
export { directionalMovement, plusDI, minusDI, dx, adx, type DirectionalMovement } from './directional.js';
export { obv, obvSlope, relativeVolume } from './volume.js';
export { gap, distanceFromHigh, distanceFromLow, BARS_PER_YEAR } from './price.js';
export { doji, engulfing, hammer } from './candles.js';
export { rollingMax, rollingMin, rollingStd } from './rolling.js';
export { FEATURE_NAMES, FEATURE_WARMUP, computeFeatureColumns, type FeatureName } from './feature-set.js';
export { DEFAULT_TARGET, resolveTargetSpec, forwardReturn, binaryTarget, type TargetSpec } from './targets.js';
export { buildFeatureMatrix, buildLatestFeatureRows, featureNames, type FeatureMatrix } from './matrix.js';

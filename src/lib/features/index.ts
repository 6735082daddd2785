/** Technical indicators (TA-Lib-exact where TA-Lib has them), the default feature set and the matrix builder. */
export { sma, ema } from './moving-average.js';
export { rsi, macd, roc } from './momentum.js';
export { stoch, stochf } from './stochastic.js';
export { stddev, bollinger, trueRange, atr, logReturnVolatility } from './volatility.js';
export { directionalMovement, adx } from './directional.js';
export { obv, obvSlope, relativeVolume } from './volume.js';
export { gap, distanceFromHigh, distanceFromLow } from './price.js';
export { doji, engulfing, hammer } from './candles.js';
export { rollingMax, rollingMin, rollingStd } from './rolling.js';
export { FEATURE_NAMES, FEATURE_WARMUP } from './feature-set.js';
export { resolveTargetSpec, forwardReturn, binaryTarget } from './targets.js';
export { buildFeatureMatrix, buildLatestFeatureRows, featureNames } from './matrix.js';

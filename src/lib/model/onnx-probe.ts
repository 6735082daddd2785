/**
 * An imported ONNX model must turn one row of features into one probability. onnxruntime-node does
 * not report output shapes before a run (they are often symbolic), so the model is run on a 1-row
 * probe and its first output checked: a numeric tensor of exactly one value in [0, 1].
 */
import { DataError, errorMessage } from '../errors.js';

export async function probeProbabilityOutput(path: string, bytes: Uint8Array, nFeatures: number): Promise<number> {
  const ort = await import('onnxruntime-node');
  let value: unknown;
  let dims: readonly number[];
  let type: string;
  let outputName: string;
  try {
    const session = await ort.InferenceSession.create(bytes);
    const inputName = session.inputNames[0]!;
    outputName = session.outputNames[0]!;
    const result = await session.run({
      [inputName]: new ort.Tensor('float32', new Float32Array(nFeatures), [1, nFeatures]),
    });
    const out = result[outputName]!;
    dims = out.dims;
    type = out.type;
    value = out.data;
  } catch (err) {
    throw new DataError(
      `${path}: the model fails on a 1-row probe of ${nFeatures} float features: ${errorMessage(err)}`,
      { cause: err },
    );
  }
  const count = dims.reduce((a, b) => a * b, 1);
  if ((type !== 'float32' && type !== 'float64') || count !== 1) {
    throw new DataError(
      `${path}: output "${outputName}" is ${type}[${dims.join(', ')}] for one row; ` +
        'a model must output one probability per row (float, shape [N, 1])',
    );
  }
  const p = Number((value as ArrayLike<number>)[0]);
  if (!(p >= 0 && p <= 1))
    throw new DataError(`${path}: output "${outputName}" gave ${p} for the probe row, not a probability in [0, 1]`);
  return p;
}

/**
 * ONNX export of the random forest and the MLP, beside the GBDT and logistic exports of onnx-export.ts.
 * Random forest: TreeEnsembleRegressor (ai.onnx.ml 3) with aggregate_function AVERAGE over the trees'
 * leaf rates, straight into "probability". MLP: Imputer (NaN → training mean) → per layer
 * MatMul + Add (+ Relu on hidden layers) → Sigmoid; the standardization is folded into the first layer.
 */
import { ATTR } from './onnx-proto.js';
import {
  ONNX_INPUT,
  ONNX_OUTPUT,
  checkNames,
  encodeModel,
  floats,
  tensor,
  treeEnsembleAttributes,
  type Attr,
  type OnnxExportOptions,
} from './onnx-export.js';
import type { MlpModel } from './mlp.js';
import type { RfModel } from './rf.js';

export function rfToOnnx(model: RfModel, options: OnnxExportOptions): Uint8Array {
  checkNames(model.nFeatures, options);
  const node = {
    op_type: 'TreeEnsembleRegressor',
    domain: 'ai.onnx.ml',
    name: 'forest',
    input: [ONNX_INPUT],
    output: [ONNX_OUTPUT],
    attribute: treeEnsembleAttributes(model.trees, 0, 'AVERAGE'),
  };
  return encodeModel(model.nFeatures, [node], options, 'ats_rf');
}

export function mlpToOnnx(model: MlpModel, options: OnnxExportOptions): Uint8Array {
  checkNames(model.nFeatures, options);
  const nodes: Attr[] = [
    {
      op_type: 'Imputer',
      domain: 'ai.onnx.ml',
      name: 'impute',
      input: [ONNX_INPUT],
      output: ['x0'],
      attribute: [
        floats('imputed_value_floats', model.mean),
        { name: 'replaced_value_float', type: ATTR.FLOAT, f: NaN },
      ],
    },
  ];
  let input = 'x0';
  model.layers.forEach((L, l) => {
    let weights = L.weights;
    let bias = L.bias;
    if (l === 0) {
      // (x - mean) / scale · W + b  =  x · (W / scale) + (b - Σ mean/scale · W)
      weights = L.weights.map((w, k) => w / model.scale[Math.floor(k / L.outputs)]!);
      bias = L.bias.map((b, j) => {
        let s = b;
        for (let i = 0; i < L.inputs; i++) s -= (model.mean[i]! / model.scale[i]!) * L.weights[i * L.outputs + j]!;
        return s;
      });
    }
    const last = l === model.layers.length - 1;
    const constant = (name: string, dims: number[], data: Float64Array): Attr => ({
      op_type: 'Constant',
      domain: '',
      name,
      output: [name],
      attribute: [tensor(name, dims, data)],
    });
    nodes.push(
      constant(`w${l}`, [L.inputs, L.outputs], weights),
      constant(`b${l}`, [L.outputs], bias),
      { op_type: 'MatMul', domain: '', name: `matmul${l}`, input: [input, `w${l}`], output: [`m${l}`] },
      { op_type: 'Add', domain: '', name: `add${l}`, input: [`m${l}`, `b${l}`], output: [`z${l}`] },
      last
        ? { op_type: 'Sigmoid', domain: '', name: 'sigmoid', input: [`z${l}`], output: [ONNX_OUTPUT] }
        : { op_type: 'Relu', domain: '', name: `relu${l}`, input: [`z${l}`], output: [`x${l + 1}`] },
    );
    input = `x${l + 1}`;
  });
  return encodeModel(model.nFeatures, nodes, options, 'ats_mlp');
}

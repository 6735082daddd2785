/**
 * ONNX export. GBDT graph: "features" float[N, F] → ai.onnx.ml TreeEnsembleRegressor (opset ml 3,
 * BRANCH_LEQ, NaN routed by nodes_missing_value_tracks_true, base_values = base score) → Sigmoid
 * (opset 13) → "probability" float[N, 1]. Operator spec: onnx/onnx docs/Operators-ml.md.
 * Thresholds are float32 and leaf values sit on a 2^-19 grid, so onnxruntime's float32 evaluation
 * takes the same branches and sums to the same margin as gbdt-predict.ts (see gbdt-quantize.ts).
 */
import { DataError } from '../errors.js';
import type { GbdtModel, GbdtTree } from './gbdt-types.js';
import type { LogisticModel } from './logistic.js';
import { ATTR, ELEM_FLOAT, modelProto } from './onnx-proto.js';

export const ONNX_INPUT = 'features';
export const ONNX_OUTPUT = 'probability';
/** metadata_props key holding the JSON array of feature names. */
export const FEATURE_NAMES_KEY = 'feature_names';

export interface OnnxExportOptions {
  featureNames: string[];
  /** Extra metadata_props: target definition, training range, metrics, params… */
  metadata?: Record<string, string>;
  producerVersion?: string;
}

export type Attr = Record<string, unknown>;
const ints = (name: string, v: number[]): Attr => ({ name, type: ATTR.INTS, ints: v });
export const floats = (name: string, v: number[]): Attr => ({ name, type: ATTR.FLOATS, floats: v });
const int = (name: string, v: number): Attr => ({ name, type: ATTR.INT, i: v });
const str = (name: string, v: string): Attr => ({ name, type: ATTR.STRING, s: Buffer.from(v) });
const strs = (name: string, v: string[]): Attr => ({ name, type: ATTR.STRINGS, strings: v.map((s) => Buffer.from(s)) });

function tensorInfo(name: string, dims: (number | string)[]) {
  const dim = dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d }));
  return { name, type: { tensor_type: { elem_type: ELEM_FLOAT, shape: { dim } } } };
}

export function checkNames(nFeatures: number, options: OnnxExportOptions): void {
  if (options.featureNames.length !== nFeatures) {
    throw new DataError(
      `ONNX export: ${options.featureNames.length} feature names for a model of ${nFeatures} features`,
    );
  }
}

export function encodeModel(
  nFeatures: number,
  nodes: Attr[],
  options: OnnxExportOptions,
  graphName: string,
): Uint8Array {
  const metadata = { ...options.metadata, [FEATURE_NAMES_KEY]: JSON.stringify(options.featureNames) };
  const Model = modelProto();
  const message = Model.fromObject({
    ir_version: 8,
    opset_import: [
      { domain: '', version: 13 },
      { domain: 'ai.onnx.ml', version: 3 },
    ],
    producer_name: 'ats',
    producer_version: options.producerVersion ?? '0.1.0',
    graph: {
      name: graphName,
      node: nodes,
      input: [tensorInfo(ONNX_INPUT, ['N', nFeatures])],
      output: [tensorInfo(ONNX_OUTPUT, ['N', 1])],
    },
    metadata_props: Object.entries(metadata).map(([key, value]) => ({ key, value })),
  });
  return Model.encode(message).finish();
}

/** TreeEnsembleRegressor attributes: SUM of leaves plus a base (GBDT) or AVERAGE of leaves (random forest). */
export function treeEnsembleAttributes(trees: GbdtTree[], base: number, aggregate: 'SUM' | 'AVERAGE'): Attr[] {
  const n = {
    treeids: [] as number[],
    nodeids: [] as number[],
    featureids: [] as number[],
    modes: [] as string[],
    values: [] as number[],
    trueids: [] as number[],
    falseids: [] as number[],
    missingTrue: [] as number[],
  };
  const t = { treeids: [] as number[], nodeids: [] as number[], weights: [] as number[] };
  trees.forEach((tree, treeId) => {
    for (let id = 0; id < tree.feature.length; id++) {
      const leaf = tree.feature[id]! < 0;
      n.treeids.push(treeId);
      n.nodeids.push(id);
      n.featureids.push(leaf ? 0 : tree.feature[id]!);
      n.modes.push(leaf ? 'LEAF' : 'BRANCH_LEQ');
      n.values.push(leaf ? 0 : tree.threshold[id]!);
      n.trueids.push(leaf ? 0 : tree.left[id]!);
      n.falseids.push(leaf ? 0 : tree.right[id]!);
      n.missingTrue.push(leaf ? 0 : tree.nanLeft[id]!);
      if (leaf) {
        t.treeids.push(treeId);
        t.nodeids.push(id);
        t.weights.push(tree.value[id]!);
      }
    }
  });
  return [
    int('n_targets', 1),
    str('aggregate_function', aggregate),
    str('post_transform', 'NONE'),
    floats('base_values', [base]),
    ints('nodes_treeids', n.treeids),
    ints('nodes_nodeids', n.nodeids),
    ints('nodes_featureids', n.featureids),
    strs('nodes_modes', n.modes),
    floats('nodes_values', n.values),
    ints('nodes_truenodeids', n.trueids),
    ints('nodes_falsenodeids', n.falseids),
    ints('nodes_missing_value_tracks_true', n.missingTrue),
    ints('target_treeids', t.treeids),
    ints('target_nodeids', t.nodeids),
    ints('target_ids', new Array<number>(t.treeids.length).fill(0)),
    floats('target_weights', t.weights),
  ];
}

/** A Constant node's `value` attribute: a float tensor. */
export const tensor = (name: string, dims: number[], data: ArrayLike<number>): Attr => ({
  t: { name, dims, data_type: ELEM_FLOAT, float_data: Array.from(data) },
  name: 'value',
  type: 4,
});

/** Serialized ONNX model of a trained GBDT. */
export function gbdtToOnnx(model: GbdtModel, options: OnnxExportOptions): Uint8Array {
  checkNames(model.nFeatures, options);
  const nodes = [
    {
      op_type: 'TreeEnsembleRegressor',
      domain: 'ai.onnx.ml',
      name: 'trees',
      input: [ONNX_INPUT],
      output: ['margin'],
      attribute: treeEnsembleAttributes(model.trees, model.baseScore, 'SUM'),
    },
    { op_type: 'Sigmoid', domain: '', name: 'sigmoid', input: ['margin'], output: [ONNX_OUTPUT] },
  ];
  return encodeModel(model.nFeatures, nodes, options, 'ats_gbdt');
}

/**
 * Serialized ONNX model of the logistic baseline: Imputer (NaN → training mean) → MatMul (weights
 * divided by the scale) → Add (intercept minus the folded means) → Sigmoid.
 */
export function logisticToOnnx(model: LogisticModel, options: OnnxExportOptions): Uint8Array {
  checkNames(model.nFeatures, options);
  const w = model.weights.map((wi, f) => wi / model.scale[f]!);
  const b = model.intercept - w.reduce((s, wi, f) => s + wi * model.mean[f]!, 0);
  const nodes = [
    {
      op_type: 'Imputer',
      domain: 'ai.onnx.ml',
      name: 'impute',
      input: [ONNX_INPUT],
      output: ['imputed'],
      attribute: [
        floats('imputed_value_floats', model.mean),
        { name: 'replaced_value_float', type: ATTR.FLOAT, f: NaN },
      ],
    },
    {
      op_type: 'Constant',
      domain: '',
      name: 'w',
      output: ['weights'],
      attribute: [tensor('weights', [model.nFeatures, 1], w)],
    },
    { op_type: 'Constant', domain: '', name: 'b', output: ['bias'], attribute: [tensor('bias', [1], [b])] },
    { op_type: 'MatMul', domain: '', name: 'matmul', input: ['imputed', 'weights'], output: ['linear'] },
    { op_type: 'Add', domain: '', name: 'add', input: ['linear', 'bias'], output: ['margin'] },
    { op_type: 'Sigmoid', domain: '', name: 'sigmoid', input: ['margin'], output: [ONNX_OUTPUT] },
  ];
  return encodeModel(model.nFeatures, nodes, options, 'ats_logistic');
}

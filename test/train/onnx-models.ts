import { ELEM_FLOAT, modelProto } from '../../src/lib/model/onnx-proto.js';

/**
 * A hand-built ONNX graph "features" float[N, width] → Identity → "out" float[N, width] with no
 * metadata: with width 1 it outputs one value per row (a "probability" of 0 for the zero probe);
 * with width > 1 it outputs several, which an imported model must not.
 */
export function identityModel(width: number): Uint8Array {
  const info = (name: string) => ({
    name,
    type: { tensor_type: { elem_type: ELEM_FLOAT, shape: { dim: [{ dim_param: 'N' }, { dim_value: width }] } } },
  });
  const Model = modelProto();
  return Model.encode(
    Model.fromObject({
      ir_version: 8,
      opset_import: [{ domain: '', version: 13 }],
      producer_name: 'test',
      graph: {
        name: 'identity',
        node: [{ op_type: 'Identity', domain: '', name: 'id', input: ['features'], output: ['out'] }],
        input: [info('features')],
        output: [info('out')],
      },
    }),
  ).finish();
}

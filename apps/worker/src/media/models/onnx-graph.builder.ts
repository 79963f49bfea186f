import { onnx } from 'onnx-proto';

/** A dimension: a size, or a name for a dynamic one. */
export type Dim = number | string;

/** A node attribute: ints and floats are told apart by the `float()` wrapper (ONNX types attributes). */
export type AttributeValue = number | number[] | string | FloatAttribute | FloatsAttribute;

export class FloatAttribute {
  constructor(readonly value: number) {}
}
export class FloatsAttribute {
  constructor(readonly value: number[]) {}
}
/** Marks a number attribute as FLOAT (a bare number is INT). */
export const float = (value: number) => new FloatAttribute(value);
export const floats = (value: number[]) => new FloatsAttribute(value);

const DataType = onnx.TensorProto.DataType;
const AttrType = onnx.AttributeProto.AttributeType;

function valueInfo(name: string, dims: Dim[], elemType: number = DataType.FLOAT): onnx.IValueInfoProto {
  return {
    name,
    type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } },
  };
}

function attribute(name: string, value: AttributeValue): onnx.IAttributeProto {
  if (value instanceof FloatAttribute) return { name, type: AttrType.FLOAT, f: value.value };
  if (value instanceof FloatsAttribute) return { name, type: AttrType.FLOATS, floats: value.value };
  if (typeof value === 'string') return { name, type: AttrType.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: AttrType.INTS, ints: value };
  return { name, type: AttrType.INT, i: value };
}

/**
 * Writes an ONNX model (opset 17, IR 8) with `onnx-proto`'s generated protobuf
 * messages: the built-in style transfer is such a graph, and the tests make small models
 * with it to prove an operator's manifest entry needs no code. Node outputs are named
 * `<op>_<n>` unless named; every value is float32 unless declared otherwise.
 */
export class OnnxGraphBuilder {
  private readonly nodes: onnx.INodeProto[] = [];
  private readonly inputs: onnx.IValueInfoProto[] = [];
  private readonly outputs: onnx.IValueInfoProto[] = [];
  private readonly initializers: onnx.ITensorProto[] = [];
  private counter = 0;

  constructor(private readonly name: string) {}

  input(name: string, dims: Dim[]): string {
    this.inputs.push(valueInfo(name, dims));
    return name;
  }

  /** Declares `value` (a node's output) as a graph output called `name` (an Identity when the names differ). */
  output(value: string, name: string, dims: Dim[]): string {
    if (value !== name) this.nodes.push({ opType: 'Identity', input: [value], output: [name] });
    this.outputs.push(valueInfo(name, dims));
    return name;
  }

  /** A float32 initializer. */
  constant(values: ArrayLike<number>, dims: number[], name = this.fresh('const')): string {
    this.initializers.push({ name, dataType: DataType.FLOAT, dims, floatData: Array.from(values) });
    return name;
  }

  /** An int64 initializer (shapes, axes, pads). */
  int64(values: number[], dims: number[] = [values.length], name = this.fresh('int64')): string {
    this.initializers.push({ name, dataType: DataType.INT64, dims, int64Data: values });
    return name;
  }

  /** One node with one output; returns the output's name. Empty input names ('') mark omitted optional inputs. */
  op(opType: string, inputs: string[], attributes: Record<string, AttributeValue> = {}, outputName?: string): string {
    const [output] = this.opN(opType, inputs, 1, attributes, outputName ? [outputName] : undefined);
    return output;
  }

  /** One node with `count` outputs. */
  opN(opType: string, inputs: string[], count: number, attributes: Record<string, AttributeValue> = {}, outputNames?: string[]): string[] {
    const output = outputNames ?? Array.from({ length: count }, () => this.fresh(opType.toLowerCase()));
    this.nodes.push({
      opType,
      input: inputs,
      output,
      name: this.fresh(`n_${opType.toLowerCase()}`),
      attribute: Object.entries(attributes).map(([key, value]) => attribute(key, value)),
    });
    return output;
  }

  build(): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      opsetImport: [{ domain: '', version: 17 }],
      producerName: 'gradekit',
      graph: { name: this.name, node: this.nodes, input: this.inputs, output: this.outputs, initializer: this.initializers },
    });
    return onnx.ModelProto.encode(model).finish();
  }

  private fresh(prefix: string): string {
    this.counter += 1;
    return `${prefix}_${this.counter}`;
  }
}

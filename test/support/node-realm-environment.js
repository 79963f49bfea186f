// Jest's node environment runs each test file in its own V8 context, whose typed-array
// constructors differ from Node's own. ONNX Runtime's native binding creates its output
// tensors' Float32Arrays in Node's context, and onnxruntime-common then checks them
// with `instanceof` against the test context's constructor and refuses them. Sharing
// Node's typed-array constructors with the test context makes one realm for binary data,
// as in production (where there is only one).
const { TestEnvironment } = require('jest-environment-node');

const SHARED = [
  'ArrayBuffer', 'SharedArrayBuffer', 'DataView',
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array',
  'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
];

// onnxruntime-node initialises its native binding once per process (InitOrtOnce registers
// an environment cleanup hook, and a second registration aborts Node). Jest evaluates
// modules afresh for every test file, so a second file in the same worker that loads it
// would kill the worker: the package is loaded once here, in Node's own module cache, and
// test files get that instance (jest.preset.js maps 'onnxruntime-node' to
// onnxruntime-shared.js, which returns it). Loaded on first use only.
let onnxruntime = null;

class NodeRealmEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of SHARED) this.global[name] = globalThis[name];
    Object.defineProperty(this.global, '__gradekitOnnxRuntime', {
      get: () => (onnxruntime ??= require('onnxruntime-node')),
    });
  }
}

module.exports = NodeRealmEnvironment;

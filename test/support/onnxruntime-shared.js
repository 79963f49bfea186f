// The one onnxruntime-node instance of this Jest worker process (node-realm-environment.js says why).
module.exports = globalThis.__gradekitOnnxRuntime;

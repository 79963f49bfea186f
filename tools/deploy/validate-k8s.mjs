// Validates Kubernetes manifests against the Kubernetes and KEDA schemas (kubernetes-models,
// @kubernetes-models/keda: the OpenAPI schemas of the API server and KEDA's CRDs, compiled).
// Those packages are ES modules only, so this runs as its own process (the Jest suites are
// CommonJS): render-k8s.spec.ts pipes a JSON array of manifests in and reads, as JSON, one
// { kind, name, error } per manifest that fails ([] when all pass).
import { readFileSync } from 'node:fs';

const CORE = 'kubernetes-models';

/** The module holding a kind's model class. */
function modulePath(apiVersion, kind) {
  if (apiVersion === 'keda.sh/v1alpha1') return `@kubernetes-models/keda/keda.sh/v1alpha1/${kind}`;
  if (!/^[a-z0-9.]+(\/v[0-9a-z]+)?$/.test(apiVersion) || !/^[A-Za-z]+$/.test(kind)) return null;
  return `${CORE}/${apiVersion}/${kind}`;
}

const manifests = JSON.parse(readFileSync(0, 'utf8'));
const problems = [];
for (const manifest of manifests) {
  const where = { kind: manifest.kind, name: manifest.metadata?.name };
  const from = modulePath(manifest.apiVersion, manifest.kind);
  let Model;
  try {
    Model = from && (await import(from))[manifest.kind];
  } catch {
    Model = undefined;
  }
  if (!Model) {
    problems.push({ ...where, error: `no schema for ${manifest.apiVersion} ${manifest.kind}` });
    continue;
  }
  try {
    new Model(manifest).validate();
  } catch (error) {
    problems.push({ ...where, error: error instanceof Error ? error.message : String(error) });
  }
}
process.stdout.write(JSON.stringify(problems));

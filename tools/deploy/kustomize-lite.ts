/**
 * The subset of kustomize that k8s/ uses, so the overlays can be built and checked in tests
 * without a kustomize binary or a cluster: `resources` (files and directories holding a
 * kustomization.yaml), `namespace`, `images` (newName / newTag) and `patches` with a target
 * (kind + name) and an inline RFC 6902 JSON patch (add, replace, remove). JSON patches have
 * one meaning everywhere (unlike strategic merge, whose list handling depends on the kind's
 * schema, which CRDs such as KEDA's ScaledObject lack), so this build and `kubectl apply -k`
 * agree. Anything else in a kustomization.yaml is an error here, not silently ignored.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import type { Manifest, PatchOp } from './render-k8s';

const KNOWN_FIELDS = new Set(['apiVersion', 'kind', 'namespace', 'resources', 'images', 'patches']);
/** Kinds that have no namespace. */
const CLUSTER_SCOPED = new Set(['Namespace']);

interface KustomizationFile {
  namespace?: string;
  resources?: string[];
  images?: { name: string; newName?: string; newTag?: string }[];
  patches?: { target?: { kind?: string; name?: string }; patch?: string; path?: string }[];
}

export function buildKustomization(dir: string): Manifest[] {
  const file = path.join(dir, 'kustomization.yaml');
  const k = parse(fs.readFileSync(file, 'utf8')) as KustomizationFile & Record<string, unknown>;
  for (const key of Object.keys(k)) if (!KNOWN_FIELDS.has(key)) throw new Error(`${file}: kustomize-lite does not support "${key}"`);
  const manifests: Manifest[] = [];
  for (const resource of k.resources ?? []) {
    const full = path.resolve(dir, resource);
    if (fs.statSync(full).isDirectory()) manifests.push(...buildKustomization(full));
    else manifests.push(...readManifests(full));
  }
  for (const { target, patch, path: patchPath } of k.patches ?? []) {
    if (patchPath !== undefined || patch === undefined || !target?.kind || !target.name) throw new Error(`${file}: only inline patches with a kind + name target are supported`);
    const matches = manifests.filter((m) => m.kind === target.kind && m.metadata.name === target.name);
    if (matches.length !== 1) throw new Error(`${file}: patch target ${target.kind}/${target.name} matches ${matches.length} resources`);
    const ops = parse(patch) as PatchOp[];
    if (!Array.isArray(ops)) throw new Error(`${file}: patch of ${target.kind}/${target.name} is not a JSON patch (a list of operations)`);
    for (const op of ops) applyOp(matches[0]!, op, `${file}: ${target.kind}/${target.name}`);
  }
  for (const image of k.images ?? []) for (const m of manifests) retag(m, image);
  if (k.namespace) for (const m of manifests) if (!CLUSTER_SCOPED.has(m.kind)) m.metadata.namespace = k.namespace;
  return manifests;
}

function readManifests(file: string): Manifest[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8')).map((doc) => {
    if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0]!.message}`);
    const value = doc.toJS() as Manifest;
    if (!value?.apiVersion || !value.kind || !value.metadata?.name) throw new Error(`${file}: a document without apiVersion, kind or metadata.name`);
    return value;
  });
}

/** RFC 6901 pointer → its tokens. */
function tokens(pointer: string): string[] {
  if (!pointer.startsWith('/')) throw new Error(`"${pointer}" is not a JSON pointer`);
  return pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** RFC 6902 add / replace / remove: a missing parent, or a missing member for replace/remove, is an error (as in kustomize). */
export function applyOp(doc: unknown, op: PatchOp, where: string): void {
  const parts = tokens(op.path);
  const last = parts.pop()!;
  let node: unknown = doc;
  for (const part of parts) {
    const next = Array.isArray(node) ? node[Number(part)] : (node as Record<string, unknown> | null)?.[part];
    if (next === undefined || next === null || typeof next !== 'object') throw new Error(`${where}: ${op.op} ${op.path}: no such path`);
    node = next;
  }
  if (Array.isArray(node)) {
    const index = last === '-' ? node.length : Number(last);
    if (!Number.isInteger(index) || index < 0 || index > node.length || (op.op !== 'add' && index >= node.length)) throw new Error(`${where}: ${op.op} ${op.path}: no such index`);
    if (op.op === 'add') node.splice(index, 0, op.value);
    else if (op.op === 'replace') node[index] = op.value;
    else node.splice(index, 1);
    return;
  }
  const object = node as Record<string, unknown>;
  if (op.op !== 'add' && !(last in object)) throw new Error(`${where}: ${op.op} ${op.path}: no such member`);
  if (op.op === 'remove') delete object[last];
  else object[last] = op.value;
}

/** The pod specs of a workload (Deployment, Job). */
export function podSpecOf(m: Manifest): { containers?: { name: string; image?: string }[]; initContainers?: { name: string; image?: string }[] } | undefined {
  const spec = m['spec'] as { template?: { spec?: ReturnType<typeof podSpecOf> } } | undefined;
  return spec?.template?.spec;
}

function retag(m: Manifest, image: { name: string; newName?: string; newTag?: string }): void {
  const pod = podSpecOf(m);
  for (const container of [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])]) {
    if (!container.image) continue;
    const match = /^([^:@]+)(?::([^@]+))?(@.+)?$/.exec(container.image);
    if (!match || match[1] !== image.name) continue;
    container.image = `${image.newName ?? match[1]}${image.newTag ? `:${image.newTag}` : match[2] ? `:${match[2]}` : ''}`;
  }
}

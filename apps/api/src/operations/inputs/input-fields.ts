import { OPERATION_CATALOG, type InputKeyOf, type InputRole, type InputRoleOf, type OperationName } from '@gradekit/contracts';
import type { ImageInputField } from './input-resolver.service';

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function texts(value: unknown): string[] {
  return Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item : '')) : [];
}

/**
 * The input fields of a request, derived from the catalog entry's roles instead of
 * being retyped in each route: role `image` reads `image` / `image_key`; a list role
 * (`target` from `targets` / `target_keys`) gives one field per element, stored as
 * `target:0`, `target:1`, …. `roles` picks some of the entry's roles (a route whose
 * inputs depend on the request, e.g. /lut/apply's pair or .cube); default: all.
 */
export function inputFieldsOf<Op extends OperationName>(op: Op, body: object, roles?: readonly InputRoleOf<Op>[]): ImageInputField<InputKeyOf<Op>>[] {
  const values = body as Readonly<Record<string, unknown>>;
  const declared: readonly InputRole<InputRoleOf<Op>>[] = OPERATION_CATALOG[op].inputs;
  const chosen = roles ? declared.filter((spec) => roles.includes(spec.role)) : declared;
  return chosen.flatMap((spec): ImageInputField<InputKeyOf<Op>>[] => {
    if (!spec.list) {
      return [{ role: spec.role, inlineField: spec.inlineField, keyField: spec.keyField, inline: spec.inlineField === null ? undefined : text(values[spec.inlineField]), key: text(values[spec.keyField]) }];
    }
    const inline = spec.inlineField === null ? [] : texts(values[spec.inlineField]);
    const keys = texts(values[spec.keyField]);
    return Array.from({ length: Math.max(inline.length, keys.length) }, (_, i) => ({
      role: `${spec.role}:${i}` as const,
      inlineField: spec.inlineField === null ? null : `${spec.inlineField}[${i}]`,
      keyField: `${spec.keyField}[${i}]`,
      inline: inline[i],
      key: keys[i],
    }));
  });
}

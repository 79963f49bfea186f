import type { PlanId } from '../plans/plans';
import type { QueueName } from '../queues/queue-names';

/** What an operation hands back: JSON data, an image, a list of images (`items`), a LUT file or a video. */
export type OperationOutput = 'data' | 'image' | 'images' | 'lut' | 'video';

/** JSON as a task row stores it. An operation's params must be a JsonObject: they are written to Postgres as they are. */
export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonArray | JsonObject;
export type JsonArray = readonly JsonValue[];
export type JsonObject = { readonly [key: string]: JsonValue | undefined };

/**
 * A type that a catalog entry carries for the compiler only (`params: typeOf<MatchTaskParams>()`):
 * the value is an empty object, the type is what ParamsOf / ResultOf read back.
 */
export interface TypeOf<T> {
  readonly __type?: T;
}

export function typeOf<T>(): TypeOf<T> {
  return {};
}

/**
 * One input file of an operation, by the role the worker reads it under, and the two
 * request fields a caller may send it in (the spec's pair: `image` — base64 or a URL,
 * deprecated — and `image_key`, preferred). A list role (a batch's targets) is sent as
 * arrays and stored as `target:0`, `target:1`, ….
 */
export interface InputRole<Role extends string = string> {
  readonly role: Role;
  /** The inline (base64 / URL) field; null when the input can only be a storage key (an uploaded .cube). */
  readonly inlineField: string | null;
  readonly keyField: string;
  readonly list: boolean;
}

/** `input('reference')` → fields `reference` / `reference_key`; options name other fields (`original_image`) or a list. */
export function input<Role extends string>(role: Role, fields: { inline?: string | null; key?: string; list?: boolean } = {}): InputRole<Role> {
  return { role, inlineField: fields.inline === undefined ? role : fields.inline, keyField: fields.key ?? `${role}_key`, list: fields.list ?? false };
}

/** A request DTO class (class-validator decorated), as the api's validation pipe and OpenAPI read it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a constructor of any arity: DTO classes take none, the type only names the instance
export type RequestClass<T extends object = object> = new (...args: any[]) => T;

/**
 * One entry of the operation catalog: the operation's contract, read by both apps.
 * The api derives price, plan check, queue, the request's input fields and the
 * OpenAPI price label from it; the worker registers exactly one handler per name
 * (refusing to start on a gap) and receives `ParamsOf<Op>` typed.
 */
export interface OperationDefinition<Name extends string = string> {
  readonly name: Name;
  readonly summary: string;
  /**
   * Credits charged when the task is created (refunded if it finally fails) — per
   * unit: per call, or per item for batch operations (a failed item is refunded).
   */
  readonly credits: number;
  /** What one charge buys when it is not a call (`target`: "1 credit per target"). */
  readonly unit?: string;
  /** The price label when it is not a flat rate per call or unit (video: per second by quality); `credits` × units is still what is charged. */
  readonly pricing?: string;
  readonly minPlan: PlanId;
  readonly queue: QueueName;
  readonly output: OperationOutput;
  /** The request body's DTO: validated by the api, documented in the OpenAPI document. */
  readonly request: RequestClass;
  /** The params the api stores on the task and the worker's handler receives (JSON). */
  readonly params: TypeOf<JsonObject>;
  /** What the handler stores as the task's result (and the response's `result`). */
  readonly result: TypeOf<unknown>;
  /** Roles of the input files, each resolved to a storage key before enqueueing. */
  readonly inputs: readonly InputRole[];
}

/** One feature's catalog entries, keyed by operation name (each feature folder exports one). */
export type OperationEntries = Readonly<Record<string, OperationDefinition>>;

/** `free`, `1 credit`, `2 credits, pro+`, `1 credit per target`: the price as every OpenAPI summary shows it. */
export function priceLabel(definition: Pick<OperationDefinition, 'credits' | 'unit' | 'minPlan' | 'pricing'>): string {
  const credits =
    definition.pricing ??
    (definition.credits === 0 ? 'free' : `${definition.credits} credit${definition.credits === 1 ? '' : 's'}${definition.unit ? ` per ${definition.unit}` : ''}`);
  return definition.minPlan === 'free' ? credits : `${credits}, ${definition.minPlan}+`;
}

/**
 * Type-level comparison of two object types, member by member, for tests/types/sdk-drift.ts.
 * `Compare<Spec, Sdk>` lists, as unions of member names (never = none):
 *   missing   members the SDK has and the spec lacks
 *   extra     members the spec has and the SDK lacks
 *   optional  members the SDK requires and the spec allows absent (old answers omit them)
 *   required  members the spec requires and the SDK allows absent
 *   types     shared members whose value types differ; compared where both are leaves (strings,
 *             numbers, booleans, literal unions, null): nested objects are compared by their own
 *             assertions, so that one difference is listed once, where it is
 */
export type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
export type Expect<T extends true> = T;

type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
type Leaf = string | number | boolean | null;
type IsLeaf<T> = [Exclude<T, undefined>] extends [Leaf] ? true : false;

type TypeDrift<Spec, Sdk> = {
  [K in keyof Spec & keyof Sdk]-?: IsLeaf<Spec[K]> extends true
    ? IsLeaf<Sdk[K]> extends true
      ? Equals<Exclude<Spec[K], undefined>, Exclude<Sdk[K], undefined>> extends true
        ? never
        : K
      : K
    : IsLeaf<Sdk[K]> extends true
      ? K
      : never;
}[keyof Spec & keyof Sdk];

export type Compare<Spec, Sdk> = {
  missing: Exclude<keyof Sdk, keyof Spec>;
  extra: Exclude<keyof Spec, keyof Sdk>;
  optional: Exclude<Extract<RequiredKeys<Sdk>, keyof Spec>, RequiredKeys<Spec>>;
  required: Exclude<Extract<RequiredKeys<Spec>, keyof Sdk>, RequiredKeys<Sdk>>;
  types: TypeDrift<Spec, Sdk>;
};

/** No difference at all. */
export type Same = { missing: never; extra: never; optional: never; required: never; types: never };
/** A listed difference: every part not given is none. */
export type Differs<D extends { [K in keyof Same]?: PropertyKey }> = {
  [K in keyof Same]: K extends keyof D ? D[K] : never;
};

/** The variant of a union tagged `type: T`, with null and undefined removed. */
export type Variant<U, T> = Extract<NonNullable<U>, { type: T }>;
/** The tags of a union. */
export type Tags<U> = NonNullable<U> extends infer V ? (V extends { type: infer T } ? T : never) : never;

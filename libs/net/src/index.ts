export type { AddressPolicy, LookupFn, ResolvedAddress, SafeFetchOptions, SafeFetchResult } from './safe-fetch.types';
export { safeFetch } from './safe-fetch';
export { classifyAddress, isPublicAddress } from './ip-address.classifier';
export type { AddressClass } from './ip-address.classifier';
export { isHostAllowed, parseAllowEntry, parseFetchTarget } from './fetch-target.parser';
export type { FetchTarget } from './fetch-target.parser';
export { assertUrlAllowed, resolveAllowedAddresses, systemLookup } from './ssrf-guard';

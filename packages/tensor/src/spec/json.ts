/** A JSON value: what layer configs and optimizer states are made of, so they save without a registry. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

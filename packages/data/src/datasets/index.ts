// @nn/data/datasets: small real tables bundled as code, so they load in Node and in browsers alike.
export { loadIris } from './load-iris';
export { loadWine } from './load-wine';
export { loadBreastCancer } from './load-breast-cancer';
export { loadDigits } from './load-digits';
export type { LoadDigitsOptions } from './load-digits';
export type { LoadTableOptions, TableDataset } from './table';

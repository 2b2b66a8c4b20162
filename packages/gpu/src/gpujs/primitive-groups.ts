import type { Primitive } from '@nn/tensor';

// NOTE: @nn/tensor keeps these lists internal (backend/primitives.ts); `satisfies` ties the copies to its Primitive type.

export const unaryOps = [
  'neg', 'exp', 'log', 'sqrt', 'abs', 'sign', 'tanh', 'sigmoid', 'relu', 'softplus', 'square',
] as const satisfies readonly Primitive[];
export type UnaryOp = (typeof unaryOps)[number];

export const binaryOps = [
  'add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum',
  'greater', 'greaterEqual', 'less', 'lessEqual', 'equal', 'notEqual',
] as const satisfies readonly Primitive[];
export type BinaryOp = (typeof binaryOps)[number];

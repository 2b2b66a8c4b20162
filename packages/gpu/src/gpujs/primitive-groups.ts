import { type BinaryPrimitive, type ComparePrimitive, type UnaryPrimitive, binaryPrimitives, comparePrimitives, unaryPrimitives } from '@nn/tensor';

export const unaryOps = unaryPrimitives;
export type UnaryOp = UnaryPrimitive;

export const binaryOps = [...binaryPrimitives, ...comparePrimitives] as const;
export type BinaryOp = BinaryPrimitive | ComparePrimitive;

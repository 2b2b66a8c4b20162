import { expect } from 'vitest';
import { toBeAllClose } from '@nn/tensor/testing';

expect.extend({ toBeAllClose });

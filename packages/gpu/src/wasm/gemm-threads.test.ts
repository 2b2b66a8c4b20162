import { afterAll, describe, expect, it } from 'vitest';
import { type KernelInput, type Shape, ValueError, cpuBackend, createRng, sizeOf } from '@nn/tensor';
import { type WasmBackend, createWasmBackend, createWasmBackendSync } from './create-wasm-backend';
import { THREADED_MIN_MACS, splitGemm } from './matmul';
import { type GemmThreads, startGemmThreads } from './gemm-threads';
import { threadHost } from './thread-host.node';
import { instantiateSharedKernelsSync } from './kernels-module';
import { createArena } from './arena';
import { CONTROL, type ThreadHost } from './thread-protocol';

const rng = createRng(7);

function input(shape: Shape, dtype: 'float32' | 'float64'): KernelInput {
  const data = dtype === 'float32' ? new Float32Array(sizeOf(shape)) : new Float64Array(sizeOf(shape));
  return { data: rng.fillNormal(data), shape, dtype };
}

const single = await createWasmBackend({ threads: 1 });
const three = await createWasmBackend({ threads: 3, yieldToOtherProcesses: false });
afterAll(() => three.close());

/** The product on `backend`, for a [batch…, m, k] · [batch…, k, n] problem (or transposed operands). */
function product(backend: WasmBackend, a: KernelInput, b: KernelInput, transposeA: boolean, transposeB: boolean, outShape: Shape) {
  return backend.kernels.matmul([a, b], { transposeA, transposeB }, { shape: outShape, dtype: a.dtype }) as Float32Array | Float64Array;
}

describe('splitGemm: how a product is shared between threads', () => {
  /** Every (matrix, row, column) of the output covered by exactly one share. */
  function expectPartition(batches: number, m: number, n: number, shares: ReturnType<typeof splitGemm>) {
    const seen = new Uint8Array(batches * m * n);
    for (const s of shares) for (let i = s.batch0; i < s.batch1; i++) for (let r = s.row0; r < s.row1; r++) for (let c = s.col0; c < s.col1; c++) seen[(i * m + r) * n + c]++;
    expect([...seen].every((c) => c === 1)).toBe(true);
  }

  it('keeps a product under the measured crossover on one thread', () => {
    expect(splitGemm(1, 64, 64, 64, 2)).toEqual([{ batch0: 0, batch1: 1, row0: 0, row1: 64, col0: 0, col1: 64 }]);
    expect(splitGemm(1, 512, 512, 512, 1)).toHaveLength(1);
  });

  it('splits whole matrices, four shares a thread as evenly as they go, or one a matrix when fewer', () => {
    const many = splitGemm(30, 16, 784, 26, 3);
    expect(many.map((s) => s.batch1 - s.batch0)).toEqual([2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3]);
    expectPartition(30, 16, 784, many);
    const few = splitGemm(5, 16, 784, 26, 3);
    expect(few.map((s) => s.batch1 - s.batch0)).toEqual([1, 1, 1, 1, 1]);
    expectPartition(5, 16, 784, few);
  });

  it('splits rows, in multiples of 4 with a ragged last share, when matrices are fewer than threads and rows outnumber columns', () => {
    const shares = splitGemm(2, 257, 131, 300, 3);
    expect(shares.map((s) => [s.row0, s.row1, s.col0, s.col1])).toEqual([[0, 88, 0, 131], [88, 176, 0, 131], [176, 257, 0, 131]]);
    expectPartition(2, 257, 131, shares);
  });

  it('splits columns, in multiples of 8, when they outnumber the rows (each share then packs A, the smaller operand, again)', () => {
    const shares = splitGemm(1, 64, 257, 784, 2);
    expect(shares.map((s) => [s.row0, s.row1, s.col0, s.col1])).toEqual([[0, 64, 0, 136], [0, 64, 136, 257]]);
    expectPartition(1, 64, 257, shares);
  });

  it('uses fewer shares than threads when the side it splits runs out', () => {
    const shares = splitGemm(1, 6, 5, 100_000, 3);
    expect(shares.map((s) => [s.row0, s.row1])).toEqual([[0, 4], [4, 6]]);
    expect(1 * 6 * 5 * 100_000).toBeGreaterThan(THREADED_MIN_MACS);
    expect(splitGemm(1, 6, 12, 10_000, 3).map((s) => [s.col0, s.col1])).toEqual([[0, 8], [8, 12]]);
  });
});

describe('wasm matmul on helper threads', () => {
  it('starts its helpers: the caller plus threads − 1', () => {
    expect(single.threads).toBe(1);
    expect(three.threads).toBe(3);
  });

  // rows split (257 > 131), and columns split with a ragged last panel (1,001 > 21)
  const splits = [['rows', 257, 131], ['columns', 21, 1001]] as const;
  it.each(splits.flatMap(([side, m, n]) => (['float32', 'float64'] as const).map((dtype) => [side, m, n, dtype] as const)))(
    'gives bit-for-bit the one-thread result when %s are split, every transpose (%i × %i, %s)', (_side, m, n, dtype) => {
      const k = 300;
      for (const [ta, tb] of [[false, false], [false, true], [true, false], [true, true]] as const) {
        const a = input(ta ? [k, m] : [m, k], dtype);
        const b = input(tb ? [n, k] : [k, n], dtype);
        const threaded = product(three, a, b, ta, tb, [m, n]);
        expect(threaded, `transposeA=${ta} transposeB=${tb}`).toEqual(product(single, a, b, ta, tb, [m, n]));
        const cpu = cpuBackend.kernels.matmul([a, b], { transposeA: ta, transposeB: tb }, { shape: [m, n], dtype }) as Float64Array;
        expect(Array.from(threaded)).toBeAllClose(Array.from(cpu), { rtol: 1e-4, atol: 1e-3 });
      }
    });

  it.each(['float32', 'float64'] as const)('gives bit-for-bit the one-thread result for a gathered product of one matrix split by columns (%s)', (dtype) => {
    // 16 filters over 2,003 windows of 300 taps from a row of 5,000: runs of consecutive indices, and scattered ones
    const [m, n, k, l] = [16, 2003, 300, 5000];
    const idx = Int32Array.from({ length: k * n }, (_, i) => (i % 5 === 0 ? (i * 7919) % l : (Math.floor(i / n) * 3 + (i % n)) % l));
    const inputs = [input([m, k], dtype), input([1, l], dtype), { data: idx, shape: [k, n], dtype: 'int32' as const }];
    const run = (backend: WasmBackend) => backend.kernels.gatherMatmul(inputs, {}, { shape: [1, m, n], dtype }) as Float32Array;
    const threaded = run(three);
    expect(threaded).toEqual(run(single));
    expect(Array.from(threaded)).toBeAllClose(Array.from(cpuBackend.kernels.gatherMatmul(inputs, {}, { shape: [1, m, n], dtype }) as Float32Array), { rtol: 1e-4, atol: 1e-3 });
  });

  it.each(['float32', 'float64'] as const)('gives bit-for-bit the one-thread result when the batch is split, A broadcast over it (%s)', (dtype) => {
    const w = input([6, 26], dtype);
    const cols = input([7, 26, 785], dtype);
    expect(product(three, w, cols, false, false, [7, 6, 785])).toEqual(product(single, w, cols, false, false, [7, 6, 785]));
  });

  it('splits rows of each matrix of a batch smaller than the thread count, batch axes broadcast', () => {
    const a = input([2, 1, 129, 200], 'float32');
    const b = input([1, 3, 200, 65], 'float32');
    expect(product(three, a, b, false, false, [2, 3, 129, 65])).toEqual(product(single, a, b, false, false, [2, 3, 129, 65]));
  });

  it('creates its helpers synchronously too, and runs on one thread once they are closed', async () => {
    const sync = createWasmBackendSync({ threads: 2, yieldToOtherProcesses: false });
    expect(sync.threads).toBe(2);
    const a = input([300, 300], 'float32');
    const before = product(sync, a, a, false, true, [300, 300]);
    await sync.close();
    expect(sync.threads).toBe(1);
    expect(product(sync, a, a, false, true, [300, 300])).toEqual(before);
  });

  it('reports a helper that cannot start, and is never ready (createWasmBackend then runs on one thread)', async () => {
    const failing: ThreadHost = {
      ...threadHost,
      start: (_data, onError) => {
        setTimeout(() => onError(new Error('no threads in this sandbox')), 1);
        return { terminate: () => undefined };
      },
    };
    const shared = instantiateSharedKernelsSync();
    const threads = startGemmThreads(failing, shared.module, shared.memory, shared.exports, 1);
    await expect(threads.whenReady()).rejects.toThrow('no threads in this sandbox');
    expect(threads.ready()).toBe(false);
    await threads.close();
  });

  /** C = A·B, 8×8 times 8×8, in two shares of four rows each, on `threads` over `shared`; checked against the CPU kernel. */
  function expectTwoShareProduct(threads: GemmThreads, shared: ReturnType<typeof instantiateSharedKernelsSync>) {
    const arena = createArena(shared.exports);
    const call = arena.begin();
    const [a, b, c, starts] = [256, 256, 256, 64].map((bytes) => call.scratch(bytes));
    const work = call.scratch(2 * shared.exports.gemmWorkBytes(8, 8, 8, 4));
    expect(call.ok).toBe(true);
    const values = Float32Array.from({ length: 64 }, (_, i) => (i % 7) - 3);
    arena.f32().set(values, a / 4);
    arena.f32().set(values, b / 4);
    arena.i32().fill(0, starts / 4, starts / 4 + 1);
    const share = (row0: number, offset: number) => ({ kernel: 'sgemmBatch' as const, args: [0, 0, 8, 8, 8, a, b, c, work + offset, starts, starts, 0, 1, row0, row0 + 4, 0, 8] });
    threads.run([share(0, 0), share(4, shared.exports.gemmWorkBytes(8, 8, 8, 4))]);
    const want = cpuBackend.kernels.matmul([{ data: values, shape: [8, 8], dtype: 'float32' }, { data: values, shape: [8, 8], dtype: 'float32' }], { transposeA: false, transposeB: false }, { shape: [8, 8], dtype: 'float32' });
    expect(arena.f32().slice(c / 4, c / 4 + 64)).toEqual(want);
  }

  it('takes the share of a helper that never wakes up, so the call does not wait on it', async () => {
    // a "helper" that says it is ready and then never runs anything
    const sleeping: ThreadHost = {
      ...threadHost,
      start: ({ control }) => {
        Atomics.add(new Int32Array(control), CONTROL.READY, 1);
        return { terminate: () => undefined };
      },
    };
    const shared = instantiateSharedKernelsSync();
    const threads = startGemmThreads(sleeping, shared.module, shared.memory, shared.exports, 1);
    expect(threads.ready()).toBe(true);
    expectTwoShareProduct(threads, shared);
    await threads.close();
  });

  it('does not wait synchronously for helpers that start only once the caller returns to its event loop (Web Workers)', async () => {
    const browserLike: ThreadHost = { ...threadHost, startsWhileBlocked: false };
    const shared = instantiateSharedKernelsSync();
    const threads = startGemmThreads(browserLike, shared.module, shared.memory, shared.exports, 1);
    expect(threads.waitReadySync(60_000)).toBe(false); // at once: the helper takes ~50 ms to start
    await threads.whenReady();
    expect(threads.waitReadySync(60_000)).toBe(true);
    expectTwoShareProduct(threads, shared);
    await threads.close();
  });

  it('spins instead of blocking where the caller may not block (a page\'s main thread), and then does not wait for its helpers to start', async () => {
    const noBlocking: ThreadHost = { ...threadHost, canBlock: () => false };
    const shared = instantiateSharedKernelsSync();
    const threads = startGemmThreads(noBlocking, shared.module, shared.memory, shared.exports, 1);
    expect(threads.waitReadySync(60_000)).toBe(false); // returns at once: the helper takes ~50 ms to start
    await threads.whenReady();
    // a real helper takes its share while the caller spins on DONE
    for (let i = 0; i < 20; i++) expectTwoShareProduct(threads, shared);
    await threads.close();
  });

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  /** Resolves once `holds()` does, checking every 5 ms; fails after `ms`. */
  async function until(holds: () => boolean, ms: number): Promise<void> {
    const end = performance.now() + ms;
    while (!holds()) {
      if (performance.now() > end) throw new Error(`not within ${ms} ms`);
      await sleep(5);
    }
  }

  it('keeps its helpers awake, spinning, for spinMs after their last share, then lets them sleep', async () => {
    const brief = instantiateSharedKernelsSync();
    const briefThreads = startGemmThreads(threadHost, brief.module, brief.memory, brief.exports, 1, { spinMs: 0, yieldToOtherProcesses: false });
    await briefThreads.whenReady();
    expectTwoShareProduct(briefThreads, brief);
    await until(() => briefThreads.awake() === 0, 5000);
    await briefThreads.close();

    const long = instantiateSharedKernelsSync();
    const threads = startGemmThreads(threadHost, long.module, long.memory, long.exports, 1, { spinMs: 1000, yieldToOtherProcesses: false });
    await threads.whenReady();
    expectTwoShareProduct(threads, long);
    const done = performance.now();
    await sleep(100);
    expect(threads.awake()).toBe(1);
    await until(() => threads.awake() === 0, 10_000);
    // NOTE: the helper's spell began before `done`, when its share ended: only a little of it was before
    expect(performance.now() - done).toBeGreaterThan(900);
    // and a sleeping helper is woken by the next product
    expectTwoShareProduct(threads, long);
    await threads.close();
  });

  it('lets its helpers sleep at once when they sit out for other processes, however long spinMs', async () => {
    let freeCores = 2;
    const crowdable: ThreadHost = { ...threadHost, freeCoresMeter: () => () => freeCores };
    const shared = instantiateSharedKernelsSync();
    const threads = startGemmThreads(crowdable, shared.module, shared.memory, shared.exports, 1, { spinMs: 60_000 });
    await threads.whenReady();
    expectTwoShareProduct(threads, shared);
    await sleep(50);
    expect(threads.awake()).toBe(1);
    freeCores = 0.5;
    await sleep(300); // the contention monitor reads the meter every 250 ms
    expect(threads.ready()).toBe(false);
    await until(() => threads.awake() === 0, 5000);
    await threads.close();
  });

  it('refuses a thread count that is not a positive integer, and a spin that is not 0 to 60,000 ms', async () => {
    for (const spinMs of [-1, Number.NaN, 60_001, '5']) {
      expect(() => createWasmBackendSync({ threads: 1, spinMs: spinMs as number })).toThrow(/spinMs to be a number of milliseconds from 0 to 60000/);
    }
    await expect(createWasmBackend({ threads: 0 })).rejects.toThrow(ValueError);
    expect(() => createWasmBackendSync({ threads: 1.5 })).toThrow(/threads to be an integer ≥ 1, got 1\.5/);
  });
});

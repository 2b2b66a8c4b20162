import type { Backend, Kernel, KernelInput } from '../backend/backend';
import { cpuBackend } from '../backend/cpu/cpu-backend';
import type { Primitive } from '../backend/primitives';
import type { DType, TypedArray } from '../dtype';
import { globalState } from '../global-state';
import { type Shape, sizeOf } from '../shape';
import { Tensor } from '../tensor';
import { type Plan, type PlanLayout, type TensorTree, type Trace, assembler } from './recorded-step';
import type { HostFn } from './trace';

/** What a slot's storage is to the plan: freed by it after the last use, or someone else's. */
const enum Owned {
  /** A param's, an argument's or a constant's storage, or a host op's fresh array: never freed by the plan. */
  No = 0,
  /** A kernel's result, or a param or argument staged by the plan: freed once nothing reads it. */
  Yes = 1,
}

/** One op of a kernel plan. */
interface KernelStep {
  readonly out: number;
  /** The slots of its inputs. */
  readonly ins: readonly number[];
  /** Its inputs as the kernel takes them; `data` is set on every run. */
  readonly inputs: { data: unknown; readonly shape: Shape; readonly dtype: DType }[];
  readonly primitive: Primitive;
  readonly attrs: unknown;
  readonly output: { readonly shape: Shape; readonly dtype: DType };
  /** Set for reshape / identity: the result is the input's storage, no kernel runs. */
  readonly alias: boolean;
  readonly host?: HostFn;
  /** The slots whose last reader this op is, freed after it. */
  readonly lastReads: readonly number[];
}

/**
 * A recorded step replayed on the active backend's own kernels (`replayable`'s plan for steps above
 * `maxElements`): each op's kernel is called on the storages of its inputs, as `runPrimitive` calls it,
 * but without the op front-end's checks, the tensor, the gradient tape or the tidy scope's bookkeeping,
 * which for a convolutional network's step (LeNet-5: 139 kernels) was over a quarter of its time. The
 * same kernels on the same inputs in the same order as the eager step: the same results, bit for bit.
 *
 * Memory: each result is freed (`Backend.dispose`) right after its last reader, so the backend reuses it
 * within the step as `tidy` lets it reuse it across steps; a kernel that returns one of its inputs'
 * storage (as a reshape does) shares that input's hold. Params and arguments read by two kernels or more
 * are staged once (`Backend.stage`) instead of being copied in by each. The results are wrapped in
 * fresh tensors of the current scope; a result that is a constant of the trace is copied first, since
 * the tensor's disposal would hand the constant's storage to the backend for reuse.
 */
export function compileKernelPlan(trace: Trace, layout: PlanLayout): Plan {
  const { slotOf, shapeOf, dtypeOf, outputs, needed } = layout;
  const constants = trace.constants;
  const firstConst = slotOf({ kind: 'const', index: 0 });
  const firstNode = slotOf({ kind: 'node', index: 0 });
  const outputSlots = new Set(outputs.map((o) => slotOf(o.source)));
  // the last reader of each slot, and how many ops read it (params and arguments read twice or more are staged)
  const lastRead = new Int32Array(layout.slotCount).fill(-1);
  const reads = new Int32Array(layout.slotCount);
  const order = trace.nodes.map((_, i) => i).filter((i) => needed[i]);
  order.forEach((i, at) => {
    for (const s of trace.nodes[i].inputs) {
      const slot = slotOf(s);
      lastRead[slot] = at;
      reads[slot]++;
    }
  });
  const lastReadsAt: number[][] = order.map(() => []);
  for (let slot = 0; slot < layout.slotCount; slot++) {
    if (outputSlots.has(slot)) continue;
    if (lastRead[slot] >= 0) lastReadsAt[lastRead[slot]].push(slot);
    // NOTE: an op no other op reads and no result holds (a host op's check) is freed right after it runs.
    else if (slot >= firstNode && needed[slot - firstNode]) lastReadsAt[order.indexOf(slot - firstNode)].push(slot);
  }
  const staged = Array.from({ length: firstConst }, (_, slot) => reads[slot] >= 2 && !outputSlots.has(slot));
  const steps: KernelStep[] = order.map((i, at) => {
    const node = trace.nodes[i];
    return {
      out: firstNode + i,
      ins: node.inputs.map(slotOf),
      inputs: node.inputs.map((s) => ({ data: undefined, shape: shapeOf(s), dtype: dtypeOf(s) })),
      primitive: node.primitive as Primitive,
      attrs: node.attrs,
      output: { shape: node.shape, dtype: node.dtype },
      alias: node.host === undefined && (node.primitive === 'reshape' || node.primitive === 'identity'),
      ...(node.host === undefined ? {} : { host: node.host }),
      lastReads: lastReadsAt[at],
    };
  });
  const slots: unknown[] = new Array(layout.slotCount);
  constants.forEach((c, i) => (slots[firstConst + i] = c.data));
  /** Per slot, the slot whose storage it is (itself, or the input a kernel returned), and per owner its holders. */
  const owner = new Int32Array(layout.slotCount);
  const holders = new Int32Array(layout.slotCount);
  const owned = new Uint8Array(layout.slotCount);
  const assemble = assembler(trace.output);

  /**
   * One holder fewer for `slot`'s storage; the last frees it if the plan owns it and no tensor holds it
   * too (a kernel may hand out storage a live tensor has: eager, that tensor's count keeps it).
   */
  const release = (backend: Backend, slot: number): void => {
    const o = owner[slot];
    if (--holders[o] === 0 && owned[o] === Owned.Yes) {
      owned[o] = Owned.No;
      if (!globalState().storageRefs.has(slots[o] as object)) backend.dispose?.(slots[o]);
    }
  };

  return {
    run(params, given) {
      const backend = globalState().backend ?? cpuBackend;
      holders.fill(0);
      owned.fill(Owned.No);
      for (let slot = 0; slot < layout.slotCount; slot++) owner[slot] = slot;
      const tensors = [...params, ...given];
      try {
        for (let slot = 0; slot < tensors.length; slot++) {
          const t = tensors[slot];
          const storage = storageOn(backend, t);
          const copy = staged[slot] ? backend.stage?.(storage, t.dtype, t.size) : undefined;
          slots[slot] = copy ?? storage;
          if (copy !== undefined) {
            owned[slot] = Owned.Yes;
            holders[slot] = 1;
          }
        }
        for (const step of steps) runStep(backend, step);
        const leaves: TensorTree[] = new Array(outputs.length);
        for (let at = 0; at < outputs.length; at++) {
          const { source, shape, dtype } = outputs[at];
          const slot = slotOf(source);
          if (source.kind === 'param' || source.kind === 'arg') {
            leaves[at] = tensors[slot];
            continue;
          }
          const o = owner[slot];
          if (o >= firstConst && o < firstNode) {
            const copy = (constants[o - firstConst].data as TypedArray).slice();
            const storage = backend.upload(copy, dtype);
            leaves[at] = new Tensor(shape, dtype, storage, backend, storage !== copy);
          } else {
            leaves[at] = new Tensor(shape, dtype, slots[slot], backend, backend.dispose !== undefined);
          }
        }
        // NOTE: the tensors hold the results now: freeing them is theirs (their disposal, or the scope's end).
        for (const slot of outputSlots) owned[owner[slot]] = Owned.No;
        return assemble(leaves);
      } catch (error) {
        // NOTE: what the plan made and still holds goes back to the backend before the error goes on.
        for (let slot = 0; slot < layout.slotCount; slot++) {
          if (owned[slot] === Owned.Yes) {
            owned[slot] = Owned.No;
            if (!globalState().storageRefs.has(slots[slot] as object)) backend.dispose?.(slots[slot]);
          }
        }
        throw error;
      } finally {
        // NOTE: no storage of this call is kept past it (the constants stay): the step's arrays may go.
        slots.fill(undefined, 0, firstConst);
        slots.fill(undefined, firstNode);
      }
    },
  };

  function runStep(backend: Backend, step: KernelStep): void {
    const { out, ins, inputs } = step;
    if (step.alias) {
      owner[out] = owner[ins[0]];
      slots[out] = slots[ins[0]];
    } else if (step.host !== undefined) {
      const values = ins.map((slot, i) => backend.download(slots[slot], inputs[i].dtype, sizeOf(inputs[i].shape)));
      slots[out] = backend.upload(step.host(values), step.output.dtype);
    } else {
      for (let i = 0; i < ins.length; i++) inputs[i].data = slots[ins[i]];
      const storage = (backend.kernels[step.primitive] as Kernel<Primitive>)(inputs as KernelInput[], step.attrs as never, step.output);
      slots[out] = storage;
      // NOTE: a kernel may return an input's own storage (a reshape does): then the two share one hold.
      for (let i = 0; i < ins.length; i++) {
        if (slots[ins[i]] === storage) {
          owner[out] = owner[ins[i]];
          break;
        }
      }
      if (owner[out] === out) owned[out] = Owned.Yes;
      for (let i = 0; i < ins.length; i++) inputs[i].data = undefined;
    }
    holders[owner[out]]++;
    for (const slot of step.lastReads) release(backend, slot);
  }
}

/** The storage of `t` as the backend's kernels take it: its own, or a copy moved over through host memory (as `runPrimitive` does). */
function storageOn(backend: Backend, t: Tensor): unknown {
  const storage = t.storage;
  if (t.backend === backend || (backend.hostStorage === true && t.backend.hostStorage === true && ArrayBuffer.isView(storage))) return storage;
  return backend.upload(t.dataSync().slice(), t.dtype);
}

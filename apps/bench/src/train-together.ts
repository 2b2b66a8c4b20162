import { type Context, type Row, attempt, notAvailable } from './context';
import { messageOf } from './nn-optional';
import type { TrainPlan } from './plan';
import type { Figure } from './table';
import { type TrainResult, type Trainer, runTraining, runTrainingTogether } from './train';

/** One contender of an interleaved timing: its table row, its plan, and how its trainer is made. */
export interface TrainingContender {
  readonly row: Row;
  readonly plan: TrainPlan;
  readonly setup: () => Promise<Trainer>;
}

/**
 * Sets up each contender's trainer (one that fails to set up gets an 'n/a' row), then times them
 * together (runTrainingTogether, `rounds` rounds); should the interleaved run fail, each in a pass of
 * its own. The figures by row; `label` names the workload and case in the progress lines.
 */
export async function trainTogether(
  ctx: Context,
  label: string,
  contenders: readonly TrainingContender[],
  rounds: number,
  figureOf: (result: TrainResult) => Omit<Figure, keyof Row>,
): Promise<Map<Row, Figure>> {
  const figures = new Map<Row, Figure>();
  const ready: { row: Row; plan: TrainPlan; trainer: Trainer }[] = [];
  for (const { row, plan, setup } of contenders) {
    try {
      ready.push({ row, plan, trainer: await setup() });
    } catch (error) {
      figures.set(row, notAvailable(row, messageOf(error)));
    }
  }
  ctx.progress(`${label} · ${ready.map((r) => `${r.row.library} ${r.row.backend}`).join(', ')} interleaved, ${rounds} rounds …`);
  try {
    const results = await runTrainingTogether(ready, { rounds });
    ready.forEach((r, i) => {
      ctx.progress(`${label} · ${r.row.library} ${r.row.backend}: ${Math.round(results[i].samplesPerSecond)} samples/s (median of ${rounds} interleaved passes)`);
      figures.set(r.row, { ...r.row, ...figureOf(results[i]) });
    });
  } catch (error) {
    ctx.progress(`${label} · the interleaved run failed (${messageOf(error)}): each on its own`);
    for (const { row, plan, setup } of contenders) {
      if (!figures.has(row)) figures.set(row, await attempt(ctx, row, async () => figureOf(await runTraining(await setup(), plan))));
    }
  }
  return figures;
}

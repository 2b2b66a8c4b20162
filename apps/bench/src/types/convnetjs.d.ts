/** The part of ConvNetJS 0.3.0 (no typings of its own) that the bench uses. */
declare module 'convnetjs' {
  /** A sx × sy × depth volume; `w` is laid out ((sx·y) + x)·depth + d, float64. */
  export class Vol {
    constructor(sx: number, sy: number, depth: number, c?: number);
    sx: number;
    sy: number;
    depth: number;
    w: Float64Array;
    dw: Float64Array;
  }
  export interface LayerDef {
    readonly type: string;
    readonly [option: string]: unknown;
  }
  export interface NetLayer {
    readonly layer_type: string;
    readonly out_sx: number;
    readonly out_sy: number;
    readonly out_depth: number;
  }
  export class Net {
    layers: NetLayer[];
    makeLayers(defs: LayerDef[]): void;
    forward(v: Vol, isTraining?: boolean): Vol;
    getParamsAndGrads(): { params: Float64Array; grads: Float64Array }[];
    getPrediction(): number;
  }
  export interface TrainerOptions {
    method?: 'sgd' | 'adagrad' | 'adadelta' | 'windowgrad';
    learning_rate?: number;
    batch_size?: number;
    momentum?: number;
    l1_decay?: number;
    l2_decay?: number;
  }
  export class Trainer {
    constructor(net: Net, options?: TrainerOptions);
    train(x: Vol, y: number): { loss: number; cost_loss: number };
  }
  const convnetjs: { Vol: typeof Vol; Net: typeof Net; Trainer: typeof Trainer };
  export default convnetjs;
}

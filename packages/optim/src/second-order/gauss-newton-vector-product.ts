import { type Params, type Tensor, add, assertSameTree, cast, grad, mul, sum, treeLeaves, zerosLike } from '@nn/tensor';
import { hessianVectorProduct } from './hessian';

/**
 * G·v = Jᵀ·H_L·J·v, the Gauss–Newton matrix of f(θ) = loss(output(θ)) times v, with J = ∂output/∂θ
 * and H_L the Hessian of `loss` at the output. J·v comes from two reverse passes (the gradient with
 * respect to u of (Jᵀu)·v, which is linear in u), H_L·(J·v) from a Hessian-vector product of the
 * loss alone, and Jᵀ·(…) from one more reverse pass. G is positive semi-definite whenever the loss is
 * convex in the output (squared error, cross-entropy with its softmax or sigmoid), unlike the Hessian.
 * @see Schraudolph (2002), "Fast curvature matrix-vector products for second-order gradient descent".
 * @see Martens (2010), "Deep learning via Hessian-free optimization", §4.2.
 */
export function gaussNewtonVectorProduct<P extends Params>(
  output: (params: P) => Tensor,
  loss: (output: Tensor) => Tensor,
  params: P,
  v: P,
): P {
  assertSameTree('gaussNewtonVectorProduct', params, v);
  const directions = treeLeaves(v);
  const z = output(params);
  // (1) J·v = ∂/∂u [(Jᵀu)·v], u a dummy shaped like the output
  const jv = grad(({ u }: { u: Tensor }) => {
    const jtu = treeLeaves(grad((p: P) => sum(mul(output(p), u)), params));
    return jtu.map((t, i) => sum(mul(t, cast(directions[i], t.dtype)))).reduce((a, b) => add(a, b));
  }, { u: zerosLike(z) }).u;
  // (2) H_L·(J·v), the loss's curvature at the output
  const hjv = hessianVectorProduct(({ z: out }: { z: Tensor }) => loss(out), { z }, { z: jv }).z;
  // (3) Jᵀ·(H_L·J·v)
  return grad((p: P) => sum(mul(output(p), hjv)), params);
}

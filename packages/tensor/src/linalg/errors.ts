import { NnError } from '../errors';

/**
 * A matrix a linear-algebra routine refuses: not square, not symmetric, singular, not positive
 * definite, or an iteration that did not converge. The message names the routine:
 * `cholesky: matrix is not positive definite: pivot at row 1 is -1`.
 */
export class LinalgError extends NnError {}

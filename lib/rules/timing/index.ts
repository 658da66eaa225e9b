/**
 * The timing rule group. Rules are listed in id order; the lint CLI imports this list.
 */
import { Rule } from '../types';

/** Every timing rule. */
export const TIMING_RULES: readonly Rule[] = [];

/**
 * The drift rule group. Rules are listed in id order; the lint CLI imports this list.
 */
import { Rule } from '../types';

/** Every drift rule. */
export const DRIFT_RULES: readonly Rule[] = [];

/**
 * The dependency rule group. Rules are listed in id order; the lint CLI imports this list.
 */
import { Rule } from '../types';

/** Every dependency rule. */
export const DEPENDENCY_RULES: readonly Rule[] = [];

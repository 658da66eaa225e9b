/**
 * The service rule group. Rules are listed in id order; the lint CLI imports this list.
 */
import { Rule } from '../types';

/** Every service rule. */
export const SERVICE_RULES: readonly Rule[] = [];

/**
 * The PEER group: every probe check of the existing manifest checkers (reference/peer-checks.md),
 * with the false positives their users complain about fixed.
 */
import { Rule } from '../types';

/** Every rule of the PEER group, in a stable order. */
export const PEER_RULES: readonly Rule[] = Object.freeze([]);

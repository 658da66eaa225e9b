/**
 * The API group: the API server's own probe validation (validation.go), offline, so a manifest the
 * server would reject is caught before apply.
 */
import { Rule } from '../types';

/** Every rule of the API group, in a stable order. */
export const API_RULES: readonly Rule[] = Object.freeze([]);

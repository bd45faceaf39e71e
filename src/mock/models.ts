/**
 * Which models the reference mock serves: the spec's model table (`info.x-models`), narrowed or
 * extended by `--models` / `ANTHROPIC_MOCK_MODELS`. Any other model gets the real API's 404
 * `not_found_error` "model: <id>".
 */
import type { Contract } from '../contract/spec';

export interface ModelSelection {
  /** Serve exactly these (plus `add`) instead of the table. */
  only?: string[];
  /** Serve these besides the table (or besides `only`). */
  add?: string[];
}

/**
 * Reads a comma-separated list: plain names replace the table (`claude-a,claude-b` serves only
 * those), names with a leading `+` extend it (`+my-model` serves the table and my-model).
 */
export function parseModelList(list: string | undefined): ModelSelection {
  const names = (list ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const only = names.filter((n) => !n.startsWith('+'));
  const add = names
    .filter((n) => n.startsWith('+'))
    .map((n) => n.slice(1))
    .filter(Boolean);
  return { ...(only.length ? { only } : {}), ...(add.length ? { add } : {}) };
}

export function servedModels(contract: Contract, selection: ModelSelection = {}): Set<string> {
  return new Set([...(selection.only ?? Object.keys(contract.models)), ...(selection.add ?? [])]);
}

/** The id a served model answers as in `model`: an older alias answers with its dated id. */
export const answeredModel = (contract: Contract, model: string): string => contract.models[model]?.aliasOf ?? model;

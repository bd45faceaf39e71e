import { defineSetCheck, type Finding } from './failure';
import type { Exchange } from '../http/exchange';
import { MODEL_CASE, answered, pageOf, pathOf, walkOf, type ModelRow } from './models-walk';

const sameTime = (a: unknown, b: unknown) =>
  a === b ||
  (typeof a === 'string' && typeof b === 'string' && Date.parse(a) === Date.parse(b) && !Number.isNaN(Date.parse(a)));
const errorOf = (ex: Exchange) => {
  const type = (ex.response!.json as { error?: { type?: unknown } } | undefined)?.error?.type;
  return `${ex.response!.status}${typeof type === 'string' ? ` ${type}` : ''}`;
};

/**
 * `GET /v1/models/{model_id}` answers the model the list names: a listed id comes back as itself with
 * the same `display_name` and `created_at` as listed, and an alias "resolves to a model ID"
 * (@anthropic-ai/sdk 1.14.0 src/resources/models.ts, Models.retrieve): 200 with a model the list
 * names (or the alias itself, where the alias is the id). Judged on the retrieves of every listed id,
 * of one alias of the spec's model table whose target is listed, and of the run's model.
 */
export const modelRetrieveConsistent = defineSetCheck({
  id: 'model_retrieve_consistent',
  title: 'Retrieving a model does not answer the model the list names',
  source:
    'https://docs.claude.com/en/api/models (get a model; an alias resolves to a model id); @anthropic-ai/sdk 1.14.0 src/resources/models.ts (Models.retrieve)',
  profiles: ['full'],
  operations: ['models_list', 'models_retrieve'],
  ran: (exchanges) => retrieves(exchanges).length,
  run(_ctx, exchanges) {
    const listed = new Map<string, ModelRow>();
    const lists = [
      ...walkOf(exchanges),
      ...exchanges.filter((ex) => !ex.case.name.startsWith(MODEL_CASE.walk)).map(pageOf),
    ];
    for (const page of lists) for (const m of page?.data ?? []) if (!listed.has(m.id)) listed.set(m.id, m);
    const out: Array<{ finding: Finding; exchange: Exchange }> = [];
    const add = (exchange: Exchange, detail: string, key: string) => out.push({ exchange, finding: { detail, key } });

    for (const ex of retrieves(exchanges)) {
      const asked = ex.case.pathParams?.model_id ?? '';
      const body = ex.response!.json as Record<string, unknown> | undefined;
      const got = body?.id;
      if (ex.case.name.startsWith(MODEL_CASE.retrieve)) {
        const row = listed.get(asked);
        if (ex.response!.status !== 200)
          add(
            ex,
            `Received: ${errorOf(ex)} for ${pathOf(ex)}\nExpected: 200 with ${asked}, a model GET /v1/models lists`,
            'listed_status',
          );
        else if (got !== asked)
          add(
            ex,
            `Received: a model with id ${JSON.stringify(got)} for ${pathOf(ex)}\nExpected: the listed model ${asked} itself`,
            'listed_id',
          );
        else if (row && row.display_name !== body?.display_name)
          add(
            ex,
            `Received: display_name ${JSON.stringify(body?.display_name)} for ${pathOf(ex)}\nExpected: ${JSON.stringify(row.display_name)}, as GET /v1/models lists it`,
            'display_name',
          );
        else if (row && !sameTime(row.created_at, body?.created_at))
          add(
            ex,
            `Received: created_at ${JSON.stringify(body?.created_at)} for ${pathOf(ex)}\nExpected: ${JSON.stringify(row.created_at)}, as GET /v1/models lists it`,
            'created_at',
          );
        continue;
      }
      // An alias (or the run's model, which may be one): a model the list names, or the name itself.
      const alias = ex.case.name.startsWith(MODEL_CASE.alias);
      if (ex.response!.status !== 200) {
        // The run's model refused is positive_data_acceptance's finding (a 200 is due to it).
        if (alias)
          add(
            ex,
            `Received: ${errorOf(ex)} for ${pathOf(ex)}, an alias (of the spec's model table) of a listed model\nExpected: 200: retrieve resolves an alias to its model`,
            'alias_status',
          );
        continue;
      }
      if (listed.size && got !== asked && !(typeof got === 'string' && listed.has(got)))
        add(
          ex,
          `Received: a model with id ${JSON.stringify(got)} for ${pathOf(ex)}\nExpected: ${asked} resolved to a model GET /v1/models lists (or ${asked} itself)`,
          alias ? 'alias_id' : 'configured_id',
        );
    }
    return out;
  },
});

const retrieves = (exchanges: Exchange[]) =>
  exchanges.filter(
    (ex) =>
      ex.case.operation === 'models_retrieve' &&
      answered(ex) &&
      [MODEL_CASE.retrieve, MODEL_CASE.alias, MODEL_CASE.configured].some((p) => ex.case.name.startsWith(p)),
  );

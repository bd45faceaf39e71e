/**
 * The models area: `GET /v1/models` (a page of models, newest first, paged by `limit`, `after_id`,
 * `before_id`) and `GET /v1/models/{model_id}` (one model; an alias resolves to a model id), as
 * clients such as Claude Code call them to list and resolve models (https://docs.claude.com/en/api/models-list,
 * https://docs.claude.com/en/api/models; @anthropic-ai/sdk 1.14.0 src/resources/models.ts,
 * src/core/pagination.ts).
 *
 * Static requests first (shape, errors, auth), then requests that follow the answers, stage by
 * stage: the list walked to its end three at a time (`after_id` = `last_id`), the page before the
 * last one (`before_id` = its `first_id`), a retrieve of every listed id and of one alias, and one
 * `POST /v1/messages` (max_tokens 1) with every listed model. Retrieves and messages are capped at
 * MAX_FOLLOWED models each, and at what the request budget has left (CONTRACT_MAX_REQUESTS).
 */
import type { CaseMeta, RequestCase } from '../http/exchange';
import type { Run } from './run';
import type { CaseResult } from './run-cases';
import type { AreaDef } from './areas';
import { MODEL_CASE, WALK_MAX_PAGES, listedIds, pageOf, walkEnd, walkOf } from '../checks/models-walk';
import { ANSWER_CHECKS, COMMON_CHECKS, unknownModel } from './common';

/** Models per page of the walk: small, so that even a short list takes several pages. */
const WALK_LIMIT = 3;
/** Listed models retrieved, and sent to /v1/messages, at most. */
export const MAX_FOLLOWED = 60;

const ok = (description: string): CaseMeta => ({ mode: 'positive', description, expect: { status: 200 } });
/**
 * Requests the models checks judge themselves (a retrieve of a listed id, a message with a listed
 * model): no expected status, so that a refusal is one finding of the check that owns the rule.
 */
const followed = (mode: 'positive' | 'semantic', description: string): CaseMeta => ({ mode, description });

const UNVERIFIED_LIMIT =
  'the SDK documents limit as ranging from 1 to 1000 (@anthropic-ai/sdk src/resources/models.ts, ModelListParams.limit) and the spec answers 400 outside it; no public source shows what the API answers there';

function modelsProbe(_run: Run): RequestCase {
  return {
    name: MODEL_CASE.probe,
    operation: 'models_list',
    meta: { ...ok('GET /v1/models with no parameters'), probe: true },
  };
}

function modelsCases(run: Run): RequestCase[] {
  // A name outside the spec's model table (info.x-models), which is what the real API serves.
  const unknown = unknownModel(run.contract);
  const invalidLimit = (n: number): RequestCase => ({
    name: `models/limit_${n}`,
    operation: 'models_list',
    query: `limit=${n}`,
    meta: {
      mode: 'negative',
      rule: 'limit outside 1-1000 gets 400 invalid_request_error',
      description: `GET /v1/models?limit=${n}`,
      expect: { status: 400, errorType: 'invalid_request_error' },
      unverified: UNVERIFIED_LIMIT,
    },
  });
  const auth = (
    name: string,
    headers: RequestCase['headers'],
    status: number,
    errorType: string,
    rule: string,
  ): RequestCase => ({
    name: `models/${name}`,
    operation: 'models_list',
    headers,
    meta: { mode: 'auth', rule, expect: { status, errorType } },
  });
  return [
    { name: MODEL_CASE.newest, operation: 'models_list', query: 'limit=1', meta: ok('one model: the newest') },
    {
      name: MODEL_CASE.whole,
      operation: 'models_list',
      query: 'limit=1000',
      meta: ok('every model in one page (limit 1000)'),
    },
    {
      name: MODEL_CASE.configured,
      operation: 'models_retrieve',
      pathParams: { model_id: run.config.model },
      // A name /v1/messages accepts (a gateway's routing name, a -latest alias) need not be one GET /v1/models/{id} knows.
      meta: {
        ...ok(`the model the run uses (${run.config.model})`),
        unverified:
          'no public source says every model name /v1/messages accepts can be retrieved by GET /v1/models/{model_id}',
      },
    },
    invalidLimit(0),
    invalidLimit(1001),
    {
      name: 'models/retrieve_unknown',
      operation: 'models_retrieve',
      pathParams: { model_id: unknown },
      meta: {
        mode: 'auth',
        rule: 'an unknown model id gets 404 not_found_error (https://docs.claude.com/en/api/errors)',
        expect: { status: 404, errorType: 'not_found_error' },
      },
    },
    auth('no_key', { 'x-api-key': null }, 401, 'authentication_error', 'a missing key gets 401 authentication_error'),
    auth(
      'no_version',
      { 'anthropic-version': null },
      400,
      'invalid_request_error',
      'a missing anthropic-version gets 400 (https://docs.claude.com/en/api/versioning)',
    ),
  ];
}

/**
 * Requests left to the budget for planned follow-ups, or Infinity without one. A fifth is kept back:
 * retries draw on the same budget, and a retry it cannot pay for leaves its request unavailable.
 */
function budgetLeft(run: Run): number {
  const { maxRequests, requests } = run.budget;
  return maxRequests === 0 ? Infinity : Math.max(0, Math.floor((maxRequests - requests) * 0.8));
}

/** The next stage of requests that follow earlier answers; none once every stage was sent. */
function modelsNext(run: Run, results: CaseResult[]): RequestCase[] {
  // The walk and the checks need the full profile; a static-example mock would say has_more forever.
  if (run.config.profile !== 'full') return [];
  const exchanges = results.map((r) => r.exchange);
  const sent = (prefix: string) => exchanges.some((ex) => ex.case.name.startsWith(prefix));
  const pages = walkOf(exchanges);
  const walkSteps = exchanges.filter((ex) => ex.case.name.startsWith(MODEL_CASE.walk)).length;

  // 1. The walk: a page was answered and another is due (a step that got no page ends it).
  if (walkSteps === 0) return [walkStep(0)];
  if (walkSteps === pages.length && !walkEnd(pages, WALK_MAX_PAGES))
    return [walkStep(pages.length, String(pages.at(-1)!.lastId))];

  // 2. The page before the walk's last one, when the walk ended cleanly after two pages or more.
  const last = pages.at(-1);
  if (
    !sent(MODEL_CASE.before) &&
    pages.length > 1 &&
    walkEnd(pages, WALK_MAX_PAGES) === 'end' &&
    typeof last?.firstId === 'string'
  )
    return [
      {
        name: MODEL_CASE.before,
        operation: 'models_list',
        query: `limit=${WALK_LIMIT}&before_id=${encodeURIComponent(last.firstId)}`,
        meta: ok('the page before the last one (before_id = its first_id)'),
      },
    ];

  const ids = listedIds([...pages, ...[MODEL_CASE.probe, MODEL_CASE.whole].flatMap((name) => pageOfCase(name))]);
  // 3. A retrieve of every listed id (half of what the budget has left, the messages get the rest), and of one alias.
  if (!sent(MODEL_CASE.retrieve) && !sent(MODEL_CASE.alias)) {
    const n = Math.min(MAX_FOLLOWED, ids.length, Math.floor(budgetLeft(run) / 2) - 1);
    const retrieves: RequestCase[] = ids.slice(0, Math.max(0, n)).map((id) => ({
      name: `${MODEL_CASE.retrieve}${id}`,
      operation: 'models_retrieve',
      pathParams: { model_id: id },
      meta: followed('positive', `retrieve of the listed ${id}`),
    }));
    const alias = Object.entries(run.contract.models).find(([, m]) => m.aliasOf && ids.includes(m.aliasOf))?.[0];
    if (alias && retrieves.length)
      retrieves.push({
        name: `${MODEL_CASE.alias}${alias}`,
        operation: 'models_retrieve',
        pathParams: { model_id: alias },
        meta: followed('positive', `retrieve of the alias ${alias}`),
      });
    if (retrieves.length) return retrieves;
  }
  // 4. Every listed model sent to /v1/messages.
  if (!sent(MODEL_CASE.accepted)) {
    const n = Math.min(MAX_FOLLOWED, ids.length, budgetLeft(run));
    return ids.slice(0, n).map((id) => ({
      name: `${MODEL_CASE.accepted}${id}`,
      operation: 'messages',
      body: { model: id, max_tokens: 1, messages: [{ role: 'user', content: 'Hi' }] },
      meta: followed('semantic', `POST /v1/messages with the listed model ${id}`),
    }));
  }
  return [];

  function pageOfCase(name: string) {
    const ex = exchanges.find((e) => e.case.name === name);
    const page = ex && pageOf(ex);
    return page ? [page] : [];
  }
}

function walkStep(n: number, afterId?: string): RequestCase {
  const query = `limit=${WALK_LIMIT}${afterId === undefined ? '' : `&after_id=${encodeURIComponent(afterId)}`}`;
  return {
    name: `${MODEL_CASE.walk}${n}`,
    operation: 'models_list',
    query,
    meta: ok(
      n === 0
        ? `the walk's first page (limit ${WALK_LIMIT})`
        : `the walk's page ${n} (after_id = the last_id of page ${n - 1})`,
    ),
  };
}

/** The area's entry in AREAS (suite/areas.ts). */
export const MODELS_AREA: AreaDef = {
  id: 'models',
  title: 'Models (GET /v1/models, GET /v1/models/{model_id})',
  // The schema profile sends the valid static requests only (shapes against a static-example mock); the walk needs the full profile.
  profiles: ['full', 'schema'],
  group: 'models',
  checks: [
    ...COMMON_CHECKS,
    ...ANSWER_CHECKS,
    'models_pagination',
    'models_newest_first',
    'model_retrieve_consistent',
    'models_listed_accepted',
  ],
  cases: modelsCases,
  probe: modelsProbe,
  next: modelsNext,
};

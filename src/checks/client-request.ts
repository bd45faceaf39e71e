/**
 * The other side of an exchange: the request a client we only observe (traffic through the
 * validating proxy) sent. Its body must match the operation's request schema and the cross-field
 * rules the real API enforces, and it must name an `anthropic-version` the API knows. A finding here
 * is the client's, not the server's. When the upstream accepted the request anyway (a 2xx), the
 * spec and the upstream disagree: nothing shows the real API refusing it, so it is a warning marked
 * unverified.
 */
import { defineCheck, type CheckContext, type Finding } from './failure';
import { ALL_OPERATIONS } from '../contract/operations';
import { firstRuleViolation } from '../contract/request-rules';
import { requestBody, type Exchange } from '../http/exchange';

/** The request was written by a client the suite observes (the proxy), not by the suite itself. */
const fromObservedClient = (ex: Exchange) => ex.case.meta?.client === true;

const ISSUES_SHOWN = 5;

function clientIssues(ctx: CheckContext, ex: Exchange): Finding[] {
  const findings: Finding[] = [];
  const version = ex.request.headers['anthropic-version'];
  if (version === undefined || version.trim() === '')
    findings.push({
      detail:
        'Received: no anthropic-version header\nExpected: every request names the API version (anthropic-version: 2023-06-01)',
      key: 'anthropic_version_missing',
      source: 'https://docs.anthropic.com/en/api/versioning',
    });
  else if (!ctx.contract.anthropicVersions.includes(version))
    findings.push({
      detail: `Received: anthropic-version ${JSON.stringify(version.slice(0, 60))}\nExpected: one of ${ctx.contract.anthropicVersions.join(', ')}`,
      key: 'anthropic_version_unknown',
      source: 'https://docs.anthropic.com/en/api/versioning',
    });
  const operation = ctx.contract.operations[ex.case.operation];
  if (operation?.requestSchema) {
    const body = ex.case.body;
    if (typeof body === 'string') {
      findings.push({
        detail: `Received: a body that is not JSON: ${JSON.stringify(body.slice(0, 120))}\nExpected: a JSON ${operation.requestSchema}`,
        key: 'body_not_json',
      });
      return findings;
    }
    const issues = operation.validateRequest(body, { beta: ex.case.meta?.beta ?? false });
    for (const i of issues.slice(0, ISSUES_SHOWN))
      findings.push({
        detail: `Received: ${i.path || '(the body)'} ${i.message}\nExpected: a body that matches ${operation.requestSchema} (${i.schemaPath})`,
        key: `schema:${i.keyword}:${i.path.replace(/\/\d+/g, '/*')}`,
        source: `openapi: #/components/schemas/${operation.requestSchema}`,
      });
    const b = requestBody(ex);
    const broken =
      !issues.length && ex.case.operation === 'messages' && b
        ? firstRuleViolation(b, {
            version: version ?? '',
            modelMaxOutputTokens: ctx.contract.modelMaxOutputTokens,
            models: ctx.contract.models,
          })
        : undefined;
    if (broken)
      findings.push({
        detail: `Received: a body that breaks the rule ${broken.rule.id}\nExpected: what the real API accepts; it answers: ${broken.message}`,
        key: `rule:${broken.rule.id}`,
        source: broken.rule.source,
      });
  }
  return findings;
}

export const clientRequestConforms = defineCheck({
  id: 'client_request_conforms',
  title: "The client's request breaks the contract (the client's fault, not the server's)",
  source: "openapi: the operation's request schema; https://docs.anthropic.com/en/api/versioning",
  profiles: ['full', 'schema'],
  operations: ALL_OPERATIONS,
  when: [fromObservedClient],
  run(ctx, ex) {
    const findings = clientIssues(ctx, ex);
    const status = ex.response?.status ?? 0;
    if (status < 200 || status >= 300) return findings;
    // The upstream took it: either it is lenient or the spec lags the API; nothing shows which.
    return findings.map((f) => ({
      ...f,
      severity: 'warning' as const,
      key: `unverified:${f.key ?? ''}`,
      detail: `${f.detail}\nUnverified: the upstream accepted this request (${status}), so it is a warning, not a failure`,
    }));
  },
});

import { defineCheck, type Finding } from './failure';
import { hasResponse, isSse, requestValid } from './conditions';
import { viewOf } from './view';

/**
 * The versioning rule's warnings: a value the spec does not list yet (an open enum's new value, a
 * new block kind, delta type, citation kind or event type) is allowed, and named so that someone
 * looks at it and the spec learns it. Never a failure (stop_reason has its own check).
 */
export const newValuesNamed = defineCheck({
  id: 'new_values_named',
  title: 'Value the spec does not list yet',
  source:
    'openapi: info.description (versioning rule); x-known-values and x-open-variant; https://docs.claude.com/en/api/versioning',
  profiles: ['full', 'schema'],
  operations: ['messages'],
  when: [hasResponse, requestValid],
  run(ctx, ex) {
    const found: Array<{ where: string; path: string; value: string; known: string[]; eventIndex?: number }> = [];
    if (isSse(ex)) {
      for (const e of viewOf(ex).events!) {
        if (e.data)
          for (const v of ctx.contract.newValues('MessageStreamEvent', e.data))
            found.push({ ...v, where: `event #${e.n} (${String(e.data.type)}) `, eventIndex: e.n });
      }
    } else if (ex.response!.status === 200 && typeof ex.response!.json === 'object' && ex.response!.json !== null) {
      for (const v of ctx.contract.newValues('FinalMessage', ex.response!.json)) found.push({ ...v, where: '' });
    }
    const seen = new Set<string>();
    const findings: Finding[] = [];
    for (const f of found) {
      const key = `${f.path.replace(/\/\d+(?=\/|$)/g, '/*')}=${f.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push({
        detail: `${f.where}${f.path}: ${JSON.stringify(f.value)} is not one the spec lists yet (allowed: the API adds values without a version change)\nKnown: ${f.known.join(', ') || '(none: a new kind)'}`,
        key,
        severity: 'warning',
        eventIndex: f.eventIndex,
      });
    }
    return findings;
  },
});

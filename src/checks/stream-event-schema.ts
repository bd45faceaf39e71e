import { defineCheck, type Finding } from './failure';
import { isSse, requestValid } from './conditions';
import { viewOf } from './view';

/** Each event's data validates against its own schema (MessageStreamEvent's variants; unknown types pass). */
export const streamEventSchema = defineCheck({
  id: 'stream_event_schema',
  title: 'Stream event violates schema',
  source: 'openapi: #/components/schemas/MessageStreamEvent',
  profiles: ['full', 'schema'],
  operations: ['messages'],
  when: [isSse, requestValid],
  run(ctx, ex) {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const e of viewOf(ex).events!) {
      if (!e.data) continue;
      for (const issue of ctx.contract.validate('MessageStreamEvent', e.data)) {
        const key = `${String(e.data.type)}${issue.path.replace(/\/\d+(?=\/|$)/g, '/*')}:${issue.keyword}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push({
          detail: `event #${e.n} (${String(e.data.type)}) ${issue.path === '/' ? '' : `${issue.path}: `}${issue.message}\nData: ${e.frame.data.slice(0, 300)}`,
          key,
          source: `openapi schema MessageStreamEvent ${issue.schemaPath}`,
          eventIndex: e.n,
        });
      }
    }
    return findings;
  },
});

import { defineCheck, type Finding } from './failure';
import { ALL_OPERATIONS } from '../contract/operations';
import { hasResponse } from './conditions';
import { viewOf } from './view';

/**
 * What only a server's internals look like. Each pattern is specific enough that no error message
 * of the real API matches it (recorded ones say `messages.0.content: Input should be a valid list`,
 * `model: claude-sonet-4-5`, or carry a docs URL such as https://docs.claude.com/en/api/rate-limits).
 */
const LEAKS: Array<{ what: string; pattern: RegExp }> = [
  // Node / V8: `at qn (/app/dist/cli.js:582:7451)`, `at Object.<anonymous> (file:///srv/x.mjs:3:9)`, `at node:internal/...`
  {
    what: 'a JavaScript stack trace',
    pattern:
      /\bat (?:async )?(?:[\w$.<>[\] ]+ )?\(?(?:file:\/\/|node:)?[^\s()]*\.(?:[cm]?js|tsx?|jsx):\d+:\d+\)?|\bat (?:[\w$.<>]+ )?\(?node:internal\/[\w/]+/,
  },
  // Python: `Traceback (most recent call last):`, `File "/usr/lib/python3.12/x.py", line 12, in f`
  { what: 'a Python traceback', pattern: /Traceback \(most recent call last\)|\bFile "[^"]+\.py", line \d+/ },
  // JVM: `at com.example.Handler.handle(Handler.java:42)`
  { what: 'a JVM stack trace', pattern: /\bat [\w$]+(?:\.[\w$<>]+)+\([\w$]+\.(?:java|kt|scala):\d+\)/ },
  // Go: `goroutine 1 [running]:`, `/go/src/app/main.go:42 +0x1d`
  { what: 'a Go stack trace', pattern: /\bgoroutine \d+ \[[\w ]+\]:|\.go:\d+ \+0x[0-9a-f]+/ },
  // .NET: `at App.Handler.Run() in C:\src\Handler.cs:line 42`
  { what: 'a .NET stack trace', pattern: /\bat [\w.`<>]+\([^)]*\) in .+:line \d+/ },
  // Exception classes: `java.lang.NullPointerException`, `pydantic_core._pydantic_core.ValidationError`, `<class 'KeyError'>`,
  // and the runtime errors of a crash (`TypeError: Cannot read properties of undefined (reading 'map')`).
  {
    what: 'an exception class',
    pattern:
      /<class '[\w.]+'>|\b(?:[a-z_][\w]*\.){2,}[A-Z]\w*(?:Error|Exception)\b|\b(?:TypeError|ReferenceError|RangeError|AttributeError|KeyError|NameError|NullPointerException|ZeroDivisionError|UnhandledPromiseRejection\w*)\b:|Cannot read propert(?:y|ies) of (?:undefined|null)/,
  },
  // File system paths to a file: `/home/ci/app/server.js`, `/usr/lib/node_modules/x/index.js`, `C:\Users\x\app\`.
  // Not URL paths (`https://host/en/api/rate-limits`), nor a request path a 404 echoes (`/v1/messages`).
  {
    what: 'a file system path',
    pattern:
      /(?<![\w:/.-])\/(?:home|Users|usr|var|opt|srv|root|tmp|app|workspace|private|mnt|snapshot|etc)\/(?:[\w.@-]+\/)*[\w@-]+\.[A-Za-z]\w{0,5}\b|(?<!\w)[A-Za-z]:\\(?:[\w .-]+\\)+|\bnode_modules\/|\bsite-packages\//,
  },
];

/** The first leak in a text, with the text around it. */
export function findLeak(text: string): { what: string; excerpt: string } | undefined {
  for (const { what, pattern } of LEAKS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const from = Math.max(0, m.index - 60);
    const to = Math.min(text.length, m.index + m[0].length + 60);
    return { what, excerpt: `${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}` };
  }
  return undefined;
}

/**
 * Error answers must not expose the server's internals: stack traces, file system paths, exception
 * class dumps tell an attacker what runs behind the endpoint and where (CWE-209). The API's own
 * errors carry a type and a human-readable message only. Read in error bodies and in-stream `error`
 * events; never in a model's text, which may quote code.
 */
export const informationExposure = defineCheck({
  id: 'information_exposure',
  title: 'security: information exposure',
  source: 'https://cwe.mitre.org/data/definitions/209.html; https://docs.anthropic.com/en/api/errors (error shapes)',
  profiles: ['full', 'schema'],
  operations: ALL_OPERATIONS,
  when: [hasResponse],
  run(_ctx, ex) {
    const res = ex.response!;
    const places: Array<{ where: string; text: string; eventIndex?: number }> = [];
    if (res.status >= 400) places.push({ where: `the ${res.status} body`, text: res.text });
    else if (res.events) {
      for (const e of viewOf(ex).events ?? [])
        if (e.data?.type === 'error' || e.name === 'error')
          places.push({ where: `the error event #${e.n}`, text: e.frame.data, eventIndex: e.n });
    }
    const findings: Finding[] = [];
    for (const p of places) {
      const leak = findLeak(p.text);
      if (leak)
        findings.push({
          detail: `Received: ${leak.what} in ${p.where}: ${leak.excerpt}\nExpected: an error type and a message, nothing of the server's internals`,
          key: leak.what.replace(/^an? /, '').replace(/\W+/g, '_'),
          eventIndex: p.eventIndex,
        });
      if (findings.length) break;
    }
    return findings;
  },
});

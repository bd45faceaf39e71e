/** Configuration read from the ecosystem's variables, and secrets kept out of every output. */
import { ConfigError, normaliseBaseUrl, parseCustomHeaders, readConfig } from '../../src/config';
import { toCurl } from '../../src/http/curl';
import { FILTERED, isCredentialName, redactorFor } from '../../src/http/redact';

test('base URLs keep their path prefix and lose trailing slashes', () => {
  expect(normaliseBaseUrl('http://localhost:8080/rest/anthropic-models-api/2025-03-05/')).toBe(
    'http://localhost:8080/rest/anthropic-models-api/2025-03-05',
  );
  expect(normaliseBaseUrl('https://api.anthropic.com')).toBe('https://api.anthropic.com');
  expect(() => normaliseBaseUrl('localhost:8080')).toThrow(ConfigError);
});

test('ANTHROPIC_CUSTOM_HEADERS: one "Name: value" per line', () => {
  expect(parseCustomHeaders('X-Gateway: a\nx-route:  b:c \n')).toEqual({ 'x-gateway': 'a', 'x-route': 'b:c' });
  expect(() => parseCustomHeaders('no colon here')).toThrow(/ANTHROPIC_CUSTOM_HEADERS/);
});

test('remote targets get paid-API defaults; local ones more bodies and no caps; CONTRACT_TARGET overrides the guess', () => {
  const remote = readConfig({ ANTHROPIC_BASE_URL: 'https://api.anthropic.com', ANTHROPIC_API_KEY: 'k' });
  expect(remote).toMatchObject({
    local: false,
    runs: 10,
    maxRequests: 200,
    maxOutputTokens: 100_000,
    timeoutMs: 60_000,
    profile: 'full',
  });
  const local = readConfig({ ANTHROPIC_BASE_URL: 'http://127.0.0.1:4010', ANTHROPIC_API_KEY: 'k' });
  expect(local).toMatchObject({
    local: true,
    runs: 50,
    maxRequests: 0,
    timeoutMs: 60_000,
    minTokensPerSecond: 5,
    retries: 6,
  });
  expect(
    readConfig({ ANTHROPIC_BASE_URL: 'http://127.0.0.1:4010', ANTHROPIC_API_KEY: 'k', CONTRACT_TARGET: 'remote' }),
  ).toMatchObject({ local: false, runs: 10, maxRequests: 200 });
  expect(() =>
    readConfig({ ANTHROPIC_BASE_URL: 'http://127.0.0.1:4010', ANTHROPIC_API_KEY: 'k', CONTRACT_TARGET: 'far' }),
  ).toThrow(/target \(CONTRACT_TARGET\) must be local or remote/);
  expect(() => readConfig({ ANTHROPIC_BASE_URL: 'http://x', ANTHROPIC_API_KEY: 'k', CONTRACT_RUNS: 'many' })).toThrow(
    'CONTRACT_RUNS must be an integer, got "many"',
  );
  expect(() =>
    readConfig({ ANTHROPIC_BASE_URL: 'http://x', ANTHROPIC_API_KEY: 'k', CONTRACT_RUN_TIMEOUT_MS: '9999999999' }),
  ).toThrow(/\(CONTRACT_RUN_TIMEOUT_MS\) must be an integer from 1 to 2147483647/);
  expect(() => readConfig({ ANTHROPIC_BASE_URL: 'http://x' })).toThrow(/\(ANTHROPIC_API_KEY\) is not set/);
});

test('the key and credential header values never print: [Filtered], and $ANTHROPIC_API_KEY in curl lines', () => {
  const key = 'sk-ant-api03-secret-0123456789';
  const secrets = redactorFor({
    apiKey: key,
    customHeaders: { 'x-gateway-token': 'gateway-secret-value', 'x-route': 'eu-west' },
  });
  expect(secrets.text(`body with ${key} and gateway-secret-value`)).toBe(`body with ${FILTERED} and ${FILTERED}`);
  // A key glued to other text (URL- or JSON-escaped, a scheme without its space) is still found.
  expect(secrets.text(`%22${key}%22 \u0022${key} Bearer${key} _${key}x`)).toBe(
    `%22${FILTERED}%22 \u0022${FILTERED} Bearer${FILTERED} _${FILTERED}x`,
  );
  expect(
    secrets.headers({
      'x-api-key': key,
      authorization: `Bearer ${key}`,
      'x-gateway-token': 'gateway-secret-value',
      cookie: 'a=b',
      'x-route': 'eu-west',
      accept: 'application/json',
    }),
  ).toEqual({
    'x-api-key': FILTERED,
    authorization: `Bearer ${FILTERED}`,
    'x-gateway-token': FILTERED,
    cookie: FILTERED,
    'x-route': 'eu-west',
    accept: 'application/json',
  });
  const curl = toCurl(
    {
      method: 'POST',
      url: 'http://h/v1/messages',
      headers: { 'x-api-key': key, authorization: `Bearer ${key}`, 'x-gateway-token': 'gateway-secret-value' },
      body: `{"text":"it's ${key}"}`,
    },
    secrets,
  );
  expect(curl).not.toContain(key);
  expect(curl).toContain('-H "x-api-key: $ANTHROPIC_API_KEY"');
  expect(curl).toContain('-H "authorization: Bearer $ANTHROPIC_API_KEY"');
  expect(curl).toContain(`'x-gateway-token: ${FILTERED}'`);
  expect(curl).toContain(`'{"text":"it'\\''s ${FILTERED}"}'`);
});

test('a credential is marked by a word of the header name, never by a substring (portkey is no key)', () => {
  for (const name of [
    'x-api-key',
    'authorization',
    'proxy-authorization',
    'x-gateway-token',
    'set-cookie',
    'x-portkey-api-key',
    'x-portkey-virtual-key',
    'ocp-apim-subscription-key',
    'x-amz-security-token',
    'x-apikey',
    'x-client-secret',
    'helicone-auth',
    'x-session-id',
  ])
    expect([name, isCredentialName(name)]).toEqual([name, true]);
  for (const name of [
    'x-portkey-provider',
    'x-portkey-custom-host',
    'x-portkey-config',
    'x-route',
    'anthropic-version',
    'x-keyword',
    'x-monkey',
    'x-authenticated-user-agent',
  ])
    expect([name, isCredentialName(name)]).toEqual([name, false]);
});

test("a gateway's non-secret custom headers (a common word, a URL) garble nothing: Rule lines, bodies and curl lines print as they are", () => {
  const key = 'sk-ant-api03-portkey-gateway-key-1';
  const customHeaders = { 'x-portkey-provider': 'anthropic', 'x-portkey-custom-host': 'http://127.0.0.1:3456/v1' };
  const secrets = redactorFor({ apiKey: key, customHeaders });
  expect(secrets.secretValues()).toEqual([key]);
  const rule = 'https://docs.anthropic.com/en/api/messages; http://127.0.0.1:3456/v1/messages';
  expect(secrets.text(rule)).toBe(rule);
  expect(secrets.text('{"provider":"anthropic","host":"http://127.0.0.1:3456/v1"}')).toBe(
    '{"provider":"anthropic","host":"http://127.0.0.1:3456/v1"}',
  );
  expect(secrets.headers(customHeaders)).toEqual(customHeaders);
  const curl = toCurl(
    {
      method: 'POST',
      url: 'http://127.0.0.1:3456/v1/messages',
      headers: { 'x-api-key': key, ...customHeaders },
      body: '{"model":"claude-anthropic","messages":[]}',
    },
    secrets,
  );
  expect(curl).toContain(`-H 'x-portkey-provider: anthropic'`);
  expect(curl).toContain(`-H 'x-portkey-custom-host: http://127.0.0.1:3456/v1'`);
  expect(curl).toContain('claude-anthropic');
  expect(curl).not.toContain(FILTERED);
});

test('a secret that is a common word is filtered as a whole value only, never as a word inside other text', () => {
  const key = 'sk-ant-api03-common-word-key-42';
  const secrets = redactorFor({
    apiKey: key,
    customHeaders: { 'x-provider': 'anthropic', 'x-tenant': 'acme' },
    secretHeaders: ['x-provider', 'x-tenant'],
  });
  expect(secrets.headers({ 'x-provider': 'anthropic', 'x-tenant': 'acme' })).toEqual({
    'x-provider': FILTERED,
    'x-tenant': FILTERED,
  });
  // As a word inside other text: left alone. As a whole value (a JSON string, the whole text): filtered.
  expect(secrets.text('https://docs.anthropic.com/en/api, anthropic-version, "anthropic-beta"')).toBe(
    'https://docs.anthropic.com/en/api, anthropic-version, "anthropic-beta"',
  );
  expect(secrets.text('{"provider":"anthropic"}')).toBe(`{"provider":"${FILTERED}"}`);
  expect(secrets.text('anthropic')).toBe(FILTERED);
  const curl = toCurl(
    {
      method: 'POST',
      url: 'http://127.0.0.1:4010/anthropic/v1/messages',
      headers: { 'anthropic-version': '2023-06-01', 'x-api-key': key, 'x-provider': 'anthropic' },
      body: '{"model":"claude-anthropic","messages":[]}',
    },
    secrets,
  );
  expect(curl).toContain(`-H 'anthropic-version: 2023-06-01'`);
  expect(curl).toContain(`-H 'x-provider: ${FILTERED}'`);
  expect(curl).toContain(`'http://127.0.0.1:4010/anthropic/v1/messages'`);
  expect(curl).toContain('claude-anthropic');
  // Short secrets (under 6 characters) are filtered as header values only.
  expect(secrets.text('{"tenant":"acme"}')).toBe('{"tenant":"acme"}');
});

test('CONTRACT_SECRET_HEADERS marks more headers secret, filtered whole wherever they are shown; redaction is per run', () => {
  const secrets = redactorFor(
    readConfig({
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:9',
      ANTHROPIC_API_KEY: 'k-marked-0123456789',
      ANTHROPIC_CUSTOM_HEADERS: 'x-tenant: acme-corp-tenant',
      CONTRACT_SECRET_HEADERS: 'X-Tenant, x-other',
    }),
  );
  expect(secrets.isSecretHeader('x-tenant')).toBe(true);
  expect(secrets.isSecretHeader('X-Other')).toBe(true);
  expect(secrets.isSecretHeader('x-route')).toBe(false);
  expect(secrets.headers({ 'x-tenant': 'acme-corp-tenant' })).toEqual({ 'x-tenant': FILTERED });
  expect(secrets.text('tenant acme-corp-tenant')).toBe(`tenant ${FILTERED}`);
  // Another run in the same process knows nothing of this one's secrets.
  const other = redactorFor({ apiKey: 'another-key-0123456789', customHeaders: {} });
  expect(other.isSecretHeader('x-tenant')).toBe(false);
  expect(other.text('tenant acme-corp-tenant')).toBe('tenant acme-corp-tenant');
});

test('an empty ANTHROPIC_BASE_URL is a mistake, not the embedded mock', () => {
  expect(() => readConfig({ ANTHROPIC_BASE_URL: '', ANTHROPIC_API_KEY: 'k' })).toThrow(
    /\(ANTHROPIC_BASE_URL\) is set but empty/,
  );
  expect(() => readConfig({ ANTHROPIC_BASE_URL: '  ', ANTHROPIC_API_KEY: 'k' })).toThrow(/set but empty/);
  expect(() => readConfig({ ANTHROPIC_API_KEY: 'k' })).toThrow(/\(ANTHROPIC_BASE_URL\) is not set/);
});

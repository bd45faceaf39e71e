/**
 * The spec kept complete by the official SDK's types: the types generated from the spec
 * are up to date, and tests/types/sdk-drift.ts compares them with @anthropic-ai/sdk's under tsc
 * (`npm test` compiles it with tsc first; its @ts-expect-error lines prove a removed member fails).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../helpers/temp';
import { SPEC_PATH } from '../../src/contract/spec';
import { GENERATED, specTypes } from '../types/generate';

test('tests/types/spec-types.generated.ts is generated from the spec as it is now', async () => {
  const fresh = await specTypes();
  if (fresh !== readFileSync(GENERATED, 'utf8'))
    throw new Error(
      'the spec changed: run `node -r esbuild-register tests/types/generate.ts`, then `npx tsc --noEmit` shows what now differs from the SDK',
    );
});

test('a member removed from the spec disappears from the generated type (and so breaks sdk-drift.ts)', async () => {
  const dir = tempDir('spec-types-');
  const spec = path.join(dir, 'spec.yml');
  const text = readFileSync(SPEC_PATH, 'utf8');
  const at = text.indexOf('\n    Usage:\n');
  expect(at).toBeGreaterThan(0);
  writeFileSync(spec, text.slice(0, at) + text.slice(at).replace(/^ {8}inference_geo:\n( {10}.*\n)+/m, ''));
  const usage = (types: string) => /export type Usage = \{\n([\s\S]*?)\n\};/.exec(types)![1]!;
  expect(usage(await specTypes())).toMatch(/inference_geo\?: string \| null;/);
  expect(usage(await specTypes(spec))).not.toMatch(/inference_geo/);
});

test('the drift assertions cover every response schema the SDK has a type for, and prove a removed member fails', () => {
  const drift = readFileSync(path.join(__dirname, '../types/sdk-drift.ts'), 'utf8');
  for (const sdk of [
    'Sdk.Message',
    'Sdk.Usage',
    'Tags<Sdk.ContentBlock>',
    'Tags<Sdk.RawMessageStreamEvent>',
    'Tags<Sdk.TextCitation>',
    'Tags<Sdk.RawContentBlockDelta>',
    'Sdk.MessageDeltaUsage',
    'Sdk.RawMessageDeltaEvent.Delta',
    'Sdk.MessageCountTokensParams',
    'Sdk.MessageTokensCount',
    'SdkModels.ModelInfo',
    'PageResponse<SdkModels.ModelInfo>',
  ])
    expect(drift).toContain(sdk);
  expect(drift).toMatch(/\/\/ @ts-expect-error .*\n.*Omit<Spec\.Usage, 'service_tier'>/);
});

test('the request side is compared union by union, both ways, and shown to catch a missing kind', () => {
  const drift = readFileSync(path.join(__dirname, '../types/sdk-drift.ts'), 'utf8');
  for (const sdk of [
    'Sdk.MessageCreateParamsBase',
    "Sdk.MessageParam['role']",
    'Tags<Sdk.ThinkingConfigParam>',
    'Tags<Sdk.ContentBlockParam>',
    'Tags<SdkToolResultContent>',
    "Tags<Sdk.ImageBlockParam['source']>",
    "Tags<Sdk.DocumentBlockParam['source']>",
    'Tags<Sdk.ContentBlockSourceContent>',
    'Tags<Sdk.ToolUnion>',
    'Tags<Sdk.ToolChoice>',
    'Sdk.WebSearchTool20250305',
    'Sdk.BrowserStateBlockParam',
    'SdkModels.ModelCapabilities',
    'Tags<Sdk.CacheMissReason>',
  ])
    expect(drift).toContain(sdk);
  for (const gap of [
    "Exclude<Spec.InputMessage['role'], 'system'>",
    "Exclude<Tags<Spec.ThinkingConfig>, 'between_tools'>",
    "Exclude<Tags<SpecToolResultContent>, 'browser_state'>",
    "Omit<Spec.WebSearchTool, 'max_uses'>",
  ])
    expect(drift).toMatch(new RegExp(`// @ts-expect-error .*\\n.*${gap.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
});

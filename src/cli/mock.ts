/** `npm run mock [-- --port N]`: the reference mock on 127.0.0.1, for trying a client against. */
import { loadContract } from '../contract/spec';
import { startMock } from '../mock/server';

async function main() {
  const portArg = process.argv.indexOf('--port');
  const port = portArg > 0 ? Number(process.argv[portArg + 1]) : Number(process.env.PORT ?? 0);
  const apiKey = process.env.ANTHROPIC_API_KEY || 'mock-key';
  const server = await startMock(await loadContract(), { apiKey, port, models: process.env.ANTHROPIC_MODEL ? [process.env.ANTHROPIC_MODEL] : [] });
  console.log(`reference mock on ${server.url} (ANTHROPIC_BASE_URL=${server.url}; key from ANTHROPIC_API_KEY or "mock-key")`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

import type { RunningServer } from '../mock/server';

export default async function globalTeardown(): Promise<void> {
  const g = globalThis as unknown as { __contractMock__?: RunningServer };
  await g.__contractMock__?.close();
  delete g.__contractMock__;
}

/** A fixture server whose fault can be changed between runs, so that two runs hit the same target URL. */
import { loadContract } from '../../src/contract/spec';
import { startMock, writeResult, type Fault, type RunningServer } from '../../src/mock/server';

export async function switchableServer(apiKey: string): Promise<RunningServer & { use(fault: Fault): void }> {
  let current: Fault = {};
  const fault: Fault = {
    alter: (r, q) => (current.alter ? current.alter(r, q) : r),
    write: (res, r, q) => (current.write ? current.write(res, r, q) : writeResult(res, r)),
  };
  const server = await startMock(await loadContract(), { apiKey, fault });
  return { ...server, use: (f) => (current = f) };
}

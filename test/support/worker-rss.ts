/** A worker process's resident memory in bytes, read from its own /metrics (process_resident_memory_bytes). */
export async function workerRssBytes(workerUrl: string): Promise<number> {
  const text = await (await fetch(`${workerUrl}/metrics`)).text();
  const match = /^process_resident_memory_bytes(?:\{[^}]*\})? (\d+)/m.exec(text);
  if (!match) throw new Error(`${workerUrl}/metrics has no process_resident_memory_bytes`);
  return Number(match[1]);
}

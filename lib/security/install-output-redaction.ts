import { redactSecrets } from "./redact-secrets";

type Write = NodeJS.WritableStream["write"];

/** Streams already patched, on globalThis so that a second copy of this module (Next bundles) does not patch twice. */
const patched: WeakSet<NodeJS.WritableStream> = ((globalThis as { perpEdgeRedactedStreams?: WeakSet<NodeJS.WritableStream> }).perpEdgeRedactedStreams ??= new WeakSet());

function redactChunk(chunk: unknown): unknown {
  if (typeof chunk === "string") return redactSecrets(chunk);
  if (!(chunk instanceof Uint8Array)) return chunk;
  const text = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString("utf8");
  const redacted = redactSecrets(text);
  return redacted === text ? chunk : Buffer.from(redacted, "utf8");
}

/**
 * Makes every write to the process's stdout and stderr pass redactSecrets, whoever writes (our code, console, Next,
 * ccxt). Called once at each entry point: every CLI, the worker, serve.ts, and instrumentation.ts for the Next
 * server. A child process inherits the descriptors, not the patch, so each entry point installs its own.
 */
export function installOutputRedaction(streams: readonly NodeJS.WritableStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    if (patched.has(stream)) continue;
    patched.add(stream);
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => write(redactChunk(chunk), ...rest)) as Write;
  }
}

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A local webhook that records every JSON body POSTed to it and answers `status` (200 unless changed). */
export interface WebhookRecorder {
  readonly url: string;
  readonly bodies: { text: string; alert: { kind: string; message: string } }[];
  status: number;
  close(): Promise<void>;
}

export async function startWebhookRecorder(): Promise<WebhookRecorder> {
  const bodies: WebhookRecorder["bodies"] = [];
  let server: Server | undefined;
  const recorder = {
    url: "",
    bodies,
    status: 200,
    close: () => new Promise<void>((resolve) => (server ? (server.closeAllConnections(), server.close(() => resolve())) : resolve())),
  };
  server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    req.on("end", () => {
      bodies.push(JSON.parse(raw) as WebhookRecorder["bodies"][number]);
      res.writeHead(recorder.status).end("ok");
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  recorder.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook/token-abc`;
  return recorder;
}

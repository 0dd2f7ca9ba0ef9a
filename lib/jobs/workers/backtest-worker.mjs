// Worker threads start as plain Node: register the TypeScript loader, then run the real worker.
import { register } from "tsx/esm/api";

register();
await import("./backtest-worker-main.ts");

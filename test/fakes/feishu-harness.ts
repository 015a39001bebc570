/**
 * The real Feishu adapter (SDK WSClient + the HTTP endpoint on the shared server) in front of a
 * dispatcher, against the fake Feishu platform on 127.0.0.1: what the Feishu tests share.
 */

import type { Dedupe } from "../../src/adapters/dedupe.js";
import { createFeishuApp, type FeishuApp } from "../../src/adapters/feishu/app.js";
import { createSharedHttpServer } from "../../src/adapters/http-server.js";
import type { Dispatcher } from "../../src/commands/types.js";
import {
  FAKE_APP_ID,
  FAKE_APP_SECRET,
  type FakeFeishuApi,
  signedCallback,
  startFakeFeishuApi,
} from "./feishu-api.js";
import { type LogLine, recordingLog } from "./stub-dispatcher.js";

/** The Encrypt Key and Verification Token the harness app uses. */
export const ENCRYPT_KEY = "fake-encrypt-key";
export const VERIFICATION_TOKEN = "verify-token";

/** A running Feishu adapter and its fake platform. */
export interface FeishuHarness {
  fake: FakeFeishuApi;
  app: FeishuApp;
  lines: LogLine[];
  /** POST a signed (encrypted) callback to /feishu/events; options forge or age it. */
  callback(body: Record<string, unknown>, opts?: Parameters<typeof signedCallback>[2]): Promise<Response>;
  /** POST raw text with headers to /feishu/events. */
  post(raw: string, headers: Record<string, string>): Promise<Response>;
  stop(): Promise<void>;
}

/** Start the fake and the adapter (mode ws by default; buttons on, since an Encrypt Key is set). */
export async function startFeishuHarness(
  dispatcher: Dispatcher,
  opts: { mode?: "ws" | "http"; dedupe?: Dedupe; encryptKey?: string } = {},
): Promise<FeishuHarness> {
  const fake = await startFakeFeishuApi();
  const http = createSharedHttpServer();
  const { log, lines } = recordingLog();
  const mode = opts.mode ?? "ws";
  const app = createFeishuApp({
    appId: FAKE_APP_ID,
    appSecret: FAKE_APP_SECRET,
    mode,
    domain: fake.domain,
    encryptKey: opts.encryptKey ?? ENCRYPT_KEY,
    verificationToken: VERIFICATION_TOKEN,
    dispatcher,
    log,
    dedupe: opts.dedupe,
    http,
  });
  await app.start();
  const port = await http.listen(0);
  if (mode === "ws") await fake.waitForConnection();
  const post = (raw: string, headers: Record<string, string>) =>
    fetch(`http://127.0.0.1:${port}/feishu/events`, { method: "POST", headers, body: raw });
  return {
    fake,
    app,
    lines,
    post,
    callback: (body, o) => {
      const { raw, headers } = signedCallback(body, opts.encryptKey ?? ENCRYPT_KEY, o);
      return post(raw, headers);
    },
    stop: async () => {
      await app.stop();
      await http.close();
      await fake.close();
    },
  };
}

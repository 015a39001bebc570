/** Webhook subscription targets: stored with their signing secret, shown only masked. */
import { describe, expect, it } from "vitest";
import {
  isWebhookTarget,
  maskTarget,
  maskUrls,
  parseWebhookTarget,
  webhookTarget,
} from "../src/platforms/webhook-target.js";

const HOOK = "https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef";

describe("webhook subscription targets", () => {
  it("stores a webhook with its secret and reads both back; a chat id is not a webhook", () => {
    const stored = webhookTarget(HOOK, "SECabc+/=");
    expect(isWebhookTarget(stored)).toBe(true);
    expect(parseWebhookTarget(stored)).toEqual({ url: HOOK, secret: "SECabc+/=" });
    expect(parseWebhookTarget(webhookTarget(HOOK))).toEqual({ url: HOOK });
    expect(isWebhookTarget("cidAbc==")).toBe(false);
    expect(parseWebhookTarget("oc_123")).toBeNull();
  });

  it("masks the token and the secret, keeping host, path and the token's last characters", () => {
    const shown = maskTarget(webhookTarget(HOOK, "SECsecret"));
    expect(shown).toBe("https://oapi.dingtalk.com/robot/send?access_token=…cdef（加签）");
    expect(maskTarget("cidAbc==")).toBe("cidAbc==");
    expect(maskTarget("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc")).toBe(
      "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…",
    );
  });

  it("masks webhook URLs quoted inside an error text and leaves plain URLs alone", () => {
    expect(maskUrls(`POST ${HOOK} failed`)).toBe(
      "POST https://oapi.dingtalk.com/robot/send?access_token=…cdef failed",
    );
    expect(maskUrls("see https://open.dingtalk.com/document")).toBe("see https://open.dingtalk.com/document");
  });
});

/** DingTalk HTTP calls: JSON in, JSON out, a DingTalk error code thrown as a Chinese error. */
import { ApiRefusal } from "../../platforms/network-problem.js";
import { callDeadline } from "../deadline.js";

/**
 * Upload an image as a media file (the old OpenAPI `media/upload`, type image; the app's access
 * token works there) and return its media_id, which robot image messages take as `photoURL`.
 */
export async function uploadDingtalkImage(
  oapiUrl: string,
  accessToken: string,
  png: Buffer,
  fileName: string,
): Promise<string> {
  const form = new FormData();
  form.append("type", "image");
  form.append("media", new Blob([new Uint8Array(png)], { type: "image/png" }), fileName);
  const url = `${oapiUrl}/media/upload?access_token=${encodeURIComponent(accessToken)}&type=image`;
  const res = await fetch(url, { method: "POST", body: form, signal: callDeadline() });
  const data = (await res.json().catch(() => ({}))) as {
    errcode?: number;
    errmsg?: string;
    media_id?: string;
  };
  if (!res.ok || (data.errcode ?? 0) !== 0 || !data.media_id) {
    throw new ApiRefusal(
      `钉钉上传图片失败（HTTP ${res.status}${typeof data.errcode === "number" ? `，错误码 ${data.errcode}` : ""}${data.errmsg ? `：${data.errmsg}` : ""}）`,
      { status: res.status, code: data.errcode, text: data.errmsg },
    );
  }
  return data.media_id;
}

/** POST a JSON body to a DingTalk URL and throw on a DingTalk error code (never quoting the URL). */
export async function postDingtalk(
  url: string,
  body: unknown,
  what: string,
  headers: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
    signal: callDeadline(),
  });
  const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  const code = data.errcode;
  if (!res.ok || (typeof code === "number" && code !== 0)) {
    const msg =
      typeof data.errmsg === "string" ? data.errmsg : typeof data.message === "string" ? data.message : "";
    // DingTalk's new APIs say `code` (a word), the old ones `errcode` (a number).
    const word = typeof data.code === "string" ? data.code : undefined;
    throw new ApiRefusal(
      `钉钉${what}失败（HTTP ${res.status}${typeof code === "number" ? `，错误码 ${code}` : ""}${msg ? `：${msg}` : ""}）`,
      { status: res.status, code: typeof code === "number" ? code : word, text: msg },
    );
  }
  return data;
}

/**
 * `bot manifest feishu [--mode ws|http] [--url https://host/feishu/events]`: the steps and values
 * to enter in the Feishu/Lark developer console (Feishu has no app manifest file; the scope list
 * is in the console's batch-import JSON format).
 */

import { commandLines } from "../console-steps.js";
import type { CommandInfo } from "../info.js";

/**
 * Tenant scopes the bot needs: receive @-messages and 1:1 messages, send as the bot, upload files
 * and images (im:resource: the CSV export and charts as image messages).
 */
export const FEISHU_SCOPES = [
  "im:message",
  "im:message.group_at_msg:readonly",
  "im:message.p2p_msg:readonly",
  "im:message:send_as_bot",
  "im:resource",
] as const;

/** Receiving modes (`--mode`, the first is the default) and the default callback URL. */
export const FEISHU_MANIFEST_MODES = ["ws", "http"] as const;
export const FEISHU_MANIFEST_URL = "https://你的主机/feishu/events";

/** The console steps as text lines. */
export function feishuManifest(commands: readonly CommandInfo[], mode: string, url: string): string {
  const scopes = JSON.stringify({ scopes: { tenant: [...FEISHU_SCOPES], user: [] } }, null, 2);
  const lines = [
    "飞书开放平台（https://open.feishu.cn/app；Lark 国际版 https://open.larksuite.com/app）配置步骤：",
    "",
    "1. 创建企业自建应用；“凭证与基础信息”中的 App ID、App Secret 填入 FEISHU_APP_ID、FEISHU_APP_SECRET。",
    "2. “添加应用能力”→ 机器人。",
    "3. “权限管理”→ 批量导入以下权限（或逐个开通；im:resource 用于上传导出文件和图表图片）：",
    scopes,
    "4. “事件与回调”→“加密策略”：Encrypt Key 填入 FEISHU_ENCRYPT_KEY，Verification Token 填入 FEISHU_VERIFICATION_TOKEN。",
    mode === "ws"
      ? "5. “事件配置”→ 订阅方式选“使用长连接接收事件”（先启动机器人 npm start，再保存），添加事件：im.message.receive_v1（接收消息）。无需公网地址。"
      : `5. “事件配置”→ 订阅方式选“将事件发送至开发者服务器”，请求地址：${url}（先启动机器人，保存时飞书会校验该地址），添加事件：im.message.receive_v1（接收消息）。FEISHU_MODE=http。`,
    `6. “回调配置”→ 请求地址：${url}，添加回调：card.action.trigger（卡片回传交互）。卡片按钮（翻页、选择、导出）需要此地址可从公网访问${mode === "ws" ? "；不配置时卡片以文字提示命令代替按钮" : ""}。`,
    "7. “版本管理与发布”→ 创建版本并发布（企业管理员审核通过后生效）。",
    "8. 把机器人拉进群，在群里 @机器人 发送：/budget 容东 2024 三公（单聊中直接发送即可；不带斜杠的一句话按 /budget 查询）。",
    "",
    "可用命令（可在“机器人”→“机器人自定义菜单”中添加）：",
    ...commandLines(commands),
  ];
  return lines.join("\n");
}

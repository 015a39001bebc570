/**
 * `bot manifest dingtalk [--mode stream|http] [--url https://host/dingtalk/events]`: the steps to
 * follow in the DingTalk developer console (DingTalk has no app manifest file).
 */

import { commandLines } from "../console-steps.js";
import type { CommandInfo } from "../info.js";

/** Permissions the bot needs (权限管理): send robot messages to groups (weekly posts by conversation id). */
export const DINGTALK_PERMISSIONS = ["qyapi_robot_sendmsg"] as const;

/** Receiving modes (`--mode`, the first is the default) and the default callback URL. */
export const DINGTALK_MANIFEST_MODES = ["stream", "http"] as const;
export const DINGTALK_MANIFEST_URL = "https://你的主机/dingtalk/events";

/** The console steps as text lines. */
export function dingtalkManifest(commands: readonly CommandInfo[], mode: string, url: string): string {
  const lines = [
    "钉钉开发者后台（https://open-dev.dingtalk.com）配置步骤：",
    "",
    "1. “应用开发”→“企业内部应用”→ 创建应用；“凭证与基础信息”中的 Client ID（原 AppKey）、Client Secret（原 AppSecret）填入 DINGTALK_CLIENT_ID、DINGTALK_CLIENT_SECRET。",
    "2. “添加应用能力”→ 机器人：填写机器人名称、简介、头像。",
    mode === "stream"
      ? "3. 机器人配置 → 消息接收模式选“Stream 模式”（无需公网地址；DINGTALK_MODE=stream，默认）。先启动机器人 npm start，日志出现 dingtalk: stream connected 即已连上。"
      : `3. 机器人配置 → 消息接收模式选“HTTP 模式”，消息接收地址：${url}（DINGTALK_MODE=http，机器人在 PORT 上监听；请求头 timestamp/sign 校验不通过返回 401）。`,
    `4. “权限管理”→ 开通：${DINGTALK_PERMISSIONS.join("、")}（企业内机器人发送消息，用于向已 /subscribe 的群推送周报，以及把图表作为图片消息发到群或单聊；图片先经 oapi.dingtalk.com 的 media/upload 上传，私有化部署用 DINGTALK_OAPI_URL）。`,
    "5. “版本管理与发布”→ 发布应用（可见范围包含要使用的人员）。",
    "6. 在群设置 →“机器人”→ 添加该应用机器人；在群里 @机器人 发送：/budget 容东 2024 三公（单聊中直接发送即可；不带斜杠的一句话按 /budget 查询）。",
    "7. 周报（二选一）：",
    "   a. 群里 @机器人 发送 /subscribe 容东，由应用机器人推送（需第 4 步权限）；",
    "   b. 群设置 →“机器人”→ 添加“自定义”机器人，安全设置选“加签”，复制 webhook 地址和 SEC 开头的密钥，在服务器上登记（不要发在群里）：",
    "      npm run bot -- digest subscribe dingtalk 'https://oapi.dingtalk.com/robot/send?access_token=…' 容东 --secret SEC…",
    "      （自定义机器人不能上传图片，周报图表在此方式下以表格文字发送；a 方式带图表图片。）",
    "8. 私有化部署：DINGTALK_API_URL 指向贵单位的开放平台地址，必要时用 DINGTALK_GATEWAY_URL 指定 Stream 网关。",
    "",
    "钉钉机器人没有斜杠命令菜单，直接在消息里输入命令：",
    ...commandLines(commands),
  ];
  return lines.join("\n");
}

/** `bot manifest wecom`: the steps to follow in the WeCom admin console (WeCom has no app manifest file). */

import { commandLines } from "../console-steps.js";
import type { CommandInfo } from "../info.js";

/** The console steps as text lines. */
export function wecomManifest(commands: readonly CommandInfo[]): string {
  const lines = [
    "企业微信管理后台（https://work.weixin.qq.com/wework_admin）配置步骤：",
    "",
    "1. “应用管理”→“智能机器人”→ 创建机器人（选择“API 模式”创建），填写名称、头像、可见范围。",
    "2. 连接方式选“使用长连接”（无需公网地址和可信 IP）：复制 Bot ID 与 Secret，填入 WECOM_BOT_ID、WECOM_BOT_SECRET。",
    "3. 启动机器人 npm start，日志出现 wecom: long connection ready 即已连上；私有化部署用 WECOM_WS_URL 指定长连接地址。",
    "4. 单聊：在企业微信中搜索机器人名称直接发送 /budget 容东 2024 三公（不带斜杠的一句话按 /budget 查询）。",
    "5. 群聊：群设置 →“添加群机器人”→ 选择该智能机器人；在群里 @机器人 发送 /budget 容东 2024 三公。",
    "   回答为 Markdown（表格原样显示）；翻页、选择单位、导出 CSV 以卡片按钮提供，导出的 CSV 作为文件发送，图表作为图片发送。",
    "6. 周报（二选一）：",
    "   a. 会话里 @机器人 发送 /subscribe 容东，由智能机器人通过长连接推送；",
    "   b. 群设置 →“添加群机器人”→“新创建一个机器人”，复制 webhook 地址，在服务器上登记（不要发在群里）：",
    "      npm run bot -- digest subscribe wecom 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…' 容东",
    "",
    "企业微信智能机器人没有斜杠命令菜单，直接在消息里输入命令：",
    ...commandLines(commands),
  ];
  return lines.join("\n");
}

/** Renderers: Reply → plain text | Slack Block Kit | Telegram HTML. (Filled in by the renderers work.) */

export { renderSlack, type SlackMessage } from "./slack.js";
export { renderTelegram, type TelegramMessage } from "./telegram.js";
export { renderText } from "./text.js";

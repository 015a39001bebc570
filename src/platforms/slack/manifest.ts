/** The Slack app manifest, generated from the command registry (one source of truth). */
import type { CommandInfo } from "../info.js";

/** The Slack app manifest (JSON) for an HTTP-mode app whose events URL is `url`. */
export function slackManifest(
  commands: readonly CommandInfo[],
  url: string,
  socketMode = false,
): Record<string, unknown> {
  const withUrl = socketMode ? {} : { url };
  return {
    display_information: { name: "budget-bot", description: "部门预算公开查询机器人" },
    features: {
      bot_user: { display_name: "budget-bot", always_online: true },
      slash_commands: commands.map((c) => ({
        command: `/${c.name}`,
        description: c.summary.slice(0, 100),
        usage_hint: c.usage.replace(/^\/\S+\s*/, "").slice(0, 100),
        should_escape: false,
        ...withUrl,
      })),
    },
    oauth_config: {
      scopes: {
        bot: [
          "commands",
          "chat:write",
          "files:write",
          // Files sent to the bot (issue 23): download url_private; files in direct messages.
          "files:read",
          "im:history",
          "app_mentions:read",
          "channels:history",
          "groups:history",
        ],
      },
    },
    settings: {
      event_subscriptions: {
        ...(socketMode ? {} : { request_url: url }),
        bot_events: ["app_mention", "message.im"],
      },
      interactivity: { is_enabled: true, ...(socketMode ? {} : { request_url: url }) },
      org_deploy_enabled: false,
      socket_mode_enabled: socketMode,
      token_rotation_enabled: false,
    },
  };
}

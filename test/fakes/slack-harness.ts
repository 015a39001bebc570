/**
 * The real Bolt HTTP receiver on 127.0.0.1:0 in front of a dispatcher, with the fake Slack Web API
 * (and response_url target): what the end-to-end tests share.
 */

import type { FileIntake } from "../../src/adapters/files.js";
import { createSlackApp } from "../../src/adapters/slack/app.js";
import type { Dispatcher } from "../../src/commands/types.js";
import { formBody, signSlackRequest } from "./sign.js";
import { type FakeSlackApi, startFakeSlackApi } from "./slack-api.js";
import { recordingLog } from "./stub-dispatcher.js";

/** A running Bolt app and its fake API. */
export interface SlackHarness {
  fake: FakeSlackApi;
  /** POST a slash command, signed with `secret` (default: the app's own secret). */
  slash(
    command: string,
    text: string,
    opts: { responseId: string; channel?: string; secret?: string },
  ): Promise<Response>;
  /** POST a signed button click (block_actions) on a message whose buttons came from the app. */
  click(button: { action_id: string; value: string }, responseId: string): Promise<Response>;
  /** POST a signed event callback (`event` inside the envelope). */
  event(eventId: string, event: Record<string, unknown>): Promise<Response>;
  stop(): Promise<void>;
}

/** Start the harness; `botToken` is what the app (and the fake) use. */
export async function startSlackHarness(
  dispatcher: Dispatcher,
  botToken = "xoxb-e2e",
  files?: FileIntake,
): Promise<SlackHarness> {
  const secret = "e2e-signing-secret";
  const fake = await startFakeSlackApi();
  const slack = createSlackApp({
    botToken,
    signingSecret: secret,
    port: 0,
    apiUrl: fake.apiUrl,
    dispatcher,
    log: recordingLog().log,
    botId: "B1",
    botUserId: "U0",
    retryConfig: { retries: 0 },
    ...(files ? { files } : {}),
  });
  const { port } = await slack.start();
  const postSigned = (body: string, contentType = "application/x-www-form-urlencoded") =>
    fetch(`http://127.0.0.1:${port}/slack/events`, {
      method: "POST",
      headers: { "content-type": contentType, ...signSlackRequest(secret, body) },
      body,
    });
  return {
    fake,
    slash: (command, text, opts) => {
      const body = formBody({
        team_id: "T1",
        channel_id: opts.channel ?? "C1",
        user_id: "U1",
        command,
        text,
        response_url: fake.responseUrl(opts.responseId),
        trigger_id: `t-${opts.responseId}`,
        api_app_id: "A1",
      });
      return fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          ...signSlackRequest(opts.secret ?? secret, body),
        },
        body,
      });
    },
    click: (button, responseId) =>
      postSigned(
        formBody({
          payload: JSON.stringify({
            type: "block_actions",
            team: { id: "T1" },
            user: { id: "U1", team_id: "T1" },
            api_app_id: "A1",
            container: {
              type: "message",
              message_ts: "1700000000.000100",
              channel_id: "C1",
              is_ephemeral: true,
            },
            trigger_id: `t-${responseId}`,
            channel: { id: "C1" },
            response_url: fake.responseUrl(responseId),
            actions: [
              {
                type: "button",
                block_id: "b1",
                action_id: button.action_id,
                value: button.value,
                action_ts: "1",
              },
            ],
          }),
        }),
      ),
    event: (eventId, event) =>
      postSigned(
        JSON.stringify({
          token: "legacy",
          team_id: "T1",
          api_app_id: "A1",
          type: "event_callback",
          event_id: eventId,
          event_time: 1_700_000_001,
          event,
          authorizations: [{ team_id: "T1", user_id: "U0", is_bot: true }],
        }),
        "application/json",
      ),
    stop: async () => {
      await slack.stop();
      await fake.close();
    },
  };
}

/**
 * Access lists, the same rule on every platform: a wrapper around the dispatcher that asks the
 * invocation's platform (registry) whether its workspace/chat is allowed. A platform without an
 * access list, or with an empty one, lets everyone in.
 */
import { errorReply } from "../commands/dispatch.js";
import type { Dispatcher, Invocation } from "../commands/types.js";
import { platformInfoNamed } from "../platforms/index.js";

/** Is this invocation from an allowed workspace / chat of its platform? */
export function isAllowed(config: Record<string, unknown>, inv: Invocation): boolean {
  const p = platformInfoNamed(inv.platform);
  return !p?.allows || p.allows(config, inv);
}

/** A dispatcher that refuses invocations from workspaces/chats outside the access lists. */
export function withAccessControl(config: Record<string, unknown>, inner: Dispatcher): Dispatcher {
  return {
    commandList: () => inner.commandList(),
    dispatch: async (inv) =>
      isAllowed(config, inv)
        ? inner.dispatch(inv)
        : errorReply("本工作区或群组未获授权使用此机器人", ["请联系管理员"]),
  };
}

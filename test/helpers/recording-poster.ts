/** A Poster that records what it posts and can be told to fail, for scheduler tests. */
import type { Poster, PostPlatform } from "../../src/adapters/posters.js";
import type { Reply } from "../../src/reply/reply.js";

/** One recorded post. */
export interface RecordedPost {
  chatId: string;
  reply: Reply;
}

/** A recording poster plus its controls. */
export interface RecordingPoster extends Poster {
  posts: RecordedPost[];
  /** Calls of post(), failed ones included. */
  calls: number;
  /** Fail the next `n` posts (to any chat). */
  failNext(n: number): void;
  /** Always fail posts to this chat. */
  failChat(chatId: string): void;
}

/** Create a recording poster; each post yields once so concurrent runs really interleave. */
export function recordingPoster(platform: PostPlatform = "slack"): RecordingPoster {
  let failures = 0;
  const badChats = new Set<string>();
  const poster: RecordingPoster = {
    platform,
    posts: [],
    calls: 0,
    failNext: (n) => {
      failures = n;
    },
    failChat: (chatId) => {
      badChats.add(chatId);
    },
    async post(chatId, reply) {
      poster.calls += 1;
      await new Promise((r) => setImmediate(r));
      if (badChats.has(chatId)) throw new Error(`channel_not_found: ${chatId}`);
      if (failures > 0) {
        failures -= 1;
        throw new Error("fake outage");
      }
      poster.posts.push({ chatId, reply });
    },
  };
  return poster;
}

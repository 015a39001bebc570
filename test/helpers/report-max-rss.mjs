// Preloaded into a child process (`node --import …`): prints its peak resident set size on exit.
process.on("exit", () => {
  process.stderr.write(`MAX_RSS_KB ${process.resourceUsage().maxRSS}\n`);
});

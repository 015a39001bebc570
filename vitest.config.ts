import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30000,
    hookTimeout: 60000,
    pool: "forks",
    // One PostgreSQL server for the whole run (issue 22); each test file makes its own database.
    globalSetup: ["test/helpers/pg-global-setup.ts"],
  },
});

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit-integration",
          include: ["src/**/*.test.ts"],
          // Two files at a time: most of their time is spent waiting on the database and on processes.
          maxWorkers: 2,
          exclude: ["**/*.browser.test.ts", "**/node_modules/**"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "browser",
          include: ["test/browser/**/*.browser.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // A full page load on a busy 2-core CI machine can take longer than the 1 s default.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});

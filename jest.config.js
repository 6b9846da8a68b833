/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
  },
  moduleFileExtensions: ["ts", "js", "json"],
  // Synthesis is CPU-bound; two workers match the two cores of CI.
  maxWorkers: 2,
  testTimeout: 60000,
  // Temporary directories made through test/helpers/temp.ts are removed after each test file.
  setupFilesAfterEnv: ["<rootDir>/test/setup/temp-cleanup.ts"],
  reporters: ["default", "<rootDir>/test/summary-reporter.js"],
};

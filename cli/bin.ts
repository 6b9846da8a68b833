#!/usr/bin/env node
/**
 * `zsp` entry point. Loads no cdktf or provider bindings, so it starts fast.
 */
import { main } from "./main";

void Promise.resolve(main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr })).then((code) => {
  process.exitCode = code;
});

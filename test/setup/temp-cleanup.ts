import os from "node:os";
import { removeTempDirs, tempDir } from "../helpers/temp";

// Each test file gets its own temporary directory as os.tmpdir(), removed with its other temporary directories
// when its tests end: cdktf's Testing.app() and Testing.fullSynth() make a cdktf.outdir.* directory per call
// and never remove it (thousands per run). (process.env.TMPDIR cannot do it: jest gives a test file a copy of
// the environment, which node:os does not read.)
const systemTmpdir = os.tmpdir;
const dir = tempDir("zsp-test-");
os.tmpdir = (): string => dir;

afterAll(() => {
  os.tmpdir = systemTmpdir;
  removeTempDirs();
});

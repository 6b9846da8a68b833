import { ZspError } from "../../modules";

/** Runs `run` and returns the ZspError it throws; fails the test when it throws nothing or anything else. */
export function refusalOf(run: () => unknown): ZspError {
  try {
    run();
  } catch (e) {
    if (e instanceof ZspError) return e;
    throw e;
  }
  throw new Error("expected a ZspError");
}

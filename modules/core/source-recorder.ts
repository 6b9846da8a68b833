/**
 * Records, when asked, the line of the consumer's TypeScript that created
 * each resource and provider, into its `"//"` metadata
 * (`"//": {"zsp": {"source": {"file": "main.ts", "line": 42}}, "metadata": {...}}`),
 * so that `zsp check --format sarif` can point code scanning at that line.
 *
 * Off unless the context key {@link SOURCE_LOCATIONS_CONTEXT_KEY} is true
 * (cdktf.json `"context": {"zsp:sourceLocations": true}`): then the JSON is
 * byte-identical to a build without this module.
 *
 * How: cdktf and cdktn construct every Terraform element with
 * `this.node.addMetadata("stacktrace", "trace")` (a trace they never fill).
 * The first cdktf-zsp call in an app with the key on ({@link recordSourceLocations}:
 * every cdktf-zsp construct, `awsProvider`, `vaultProvider`, `ZspGuard.apply`)
 * wraps `addMetadata` of that construct tree's `Node` class, so that each
 * element created from then on, in any app of the process whose key is on,
 * records the first stack frame outside Node, `node_modules` and this
 * library; an Aspect writes it into the element's JSON at synth. Elements
 * created by cdktf-zsp constructs therefore carry the consumer's
 * `new JitRole(...)` line; raw resources carry their own `new ...` line.
 * Limits: elements created before the first cdktf-zsp call keep no location
 * (call `ZspGuard.apply(app)` right after `new App()` to record them all), and
 * data sources keep none (cdktf rewrites their `"//"`).
 * @packageDocumentation
 */
import { join, resolve, sep } from "node:path";
import type { IConstruct, Node } from "constructs";
import { Aspects, TerraformProvider, TerraformResource, TerraformStack } from "../../provider-shim/core";
import type { IAspect } from "../../provider-shim/core";
import { ZspError } from "./errors";
import { sharedWeakSet } from "./shared-state";
import { SOURCE_LOCATIONS_CONTEXT_KEY, SourceLocation, userFrame } from "./source-location";

/** This library's own source folders (`modules/`, `provider-shim/`, built or not): frames in them are passed. */
const LIBRARY_ROOT = resolve(__dirname, "..", "..");
const LIBRARY_DIRS = [join(LIBRARY_ROOT, "modules") + sep, join(LIBRARY_ROOT, "provider-shim") + sep];
/**
 * Frames captured: first a few (a resource of a JitRole is a handful of frames below the consumer's line:
 * the hook, cdktf's element and resource constructors, the binding, the JitRole), then, when none
 * of them is the consumer's, enough for nested golden modules and constructs. Capturing and
 * formatting frames is the cost (under ts-node each frame is source-mapped), so fewer is cheaper.
 */
const FRAMES = [10, 128];

type AddMetadata = (this: Node, type: string, data: unknown, options?: unknown) => void;

const locations = new WeakMap<Node, SourceLocation>();
/** Node classes already wrapped, shared by every copy of cdktf-zsp in the process (a golden module's copy and the app's wrap once). */
const hookedClasses = sharedWeakSet<object>("source-locations/hooked", 1);
const writtenStacks = new WeakSet<IConstruct>();

/** Writes each recorded location into its resource's or provider's `"//"` at synth. */
const WRITER: IAspect = {
  visit(c: IConstruct): void {
    const at = locations.get(c.node);
    if (at === undefined) return;
    if (TerraformResource.isTerraformResource(c) || TerraformProvider.isTerraformProvider(c)) {
      c.addOverride("//.zsp.source", { file: at.file, line: at.line });
    }
  },
};

/** The context value of the key: on only for `true` (or `"true"`). */
function on(node: Node): boolean {
  const value = node.tryGetContext(SOURCE_LOCATIONS_CONTEXT_KEY) as unknown;
  return value === true || value === "true";
}

/**
 * The stack above `capture`, `depth` frames deep, as text: formatted by
 * whatever `Error.prepareStackTrace` is installed, so that the positions of
 * code compiled in memory (ts-node, jest) are the TypeScript ones its
 * source-map support reports (V8's raw call sites would give the compiled
 * positions).
 */
function stackAbove(depth: number): string {
  const limit = Error.stackTraceLimit;
  const holder: { stack?: unknown } = {};
  try {
    Error.stackTraceLimit = depth;
    Error.captureStackTrace(holder, capture);
    return String(holder.stack);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function capture(node: Node): void {
  if (!on(node)) return;
  let at: SourceLocation | undefined;
  for (const frames of FRAMES) {
    at = userFrame(stackAbove(frames), LIBRARY_DIRS, process.cwd());
    if (at !== undefined) break;
  }
  if (at === undefined) return;
  locations.set(node, at);
  const stack = node.scopes.find((s) => TerraformStack.isStack(s));
  if (stack !== undefined && !writtenStacks.has(stack)) {
    writtenStacks.add(stack);
    Aspects.of(stack).add(WRITER);
  }
}

/**
 * Starts recording source locations in `scope`'s construct tree if the
 * context key {@link SOURCE_LOCATIONS_CONTEXT_KEY} is on there; does nothing
 * (one context lookup) when it is off.
 *
 * @throws ZspError when the key holds anything but true or false.
 */
export function recordSourceLocations(scope: IConstruct): void {
  const value = scope.node.tryGetContext(SOURCE_LOCATIONS_CONTEXT_KEY) as unknown;
  if (value === undefined || value === false || value === "false") return;
  if (value !== true && value !== "true") {
    throw new ZspError({
      path: scope.node.path || "app", prop: `context "${SOURCE_LOCATIONS_CONTEXT_KEY}"`, code: "E_SHAPE",
      problem: `must be true or false, got ${JSON.stringify(value)}`,
      fix: `set "${SOURCE_LOCATIONS_CONTEXT_KEY}": true in the context of cdktf.json to record source locations, or leave it out`,
    });
  }
  const nodeClass = Object.getPrototypeOf(scope.node) as { addMetadata: AddMetadata };
  if (hookedClasses.has(nodeClass)) return;
  hookedClasses.add(nodeClass);
  const original = nodeClass.addMetadata;
  nodeClass.addMetadata = function addMetadata(this: Node, type: string, data: unknown, options?: unknown): void {
    original.call(this, type, data, options);
    if (type === "stacktrace") capture(this);
  };
}

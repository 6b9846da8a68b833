import type { TargetKind } from "../iam/escalation";
import { RoleView, roleRef, roles } from "./iam";
import { permissionDocuments } from "./permission-documents";
import { ofType, referencedResource } from "./index-model";
import { perKey } from "./memo";
import { TfModel, TfResource, blocks, isExpression, show } from "./model";

/**
 * Resolves what an escalation path reaches, by the ARN, name or reference a
 * policy names, to the resource of the input it is: the role passed or
 * assumed, the user or group whose policies are written, the managed policy,
 * or the existing resource whose code runs as a role (and that role).
 */
export type ResolvedTarget =
  | { readonly kind: "role"; readonly role: RoleView }
  | { readonly kind: "principal"; readonly resource: TfResource }
  | { readonly kind: "policy"; readonly policy: TfResource; readonly roles: readonly RoleView[] }
  | { readonly kind: "runs-as"; readonly resource: TfResource; readonly role?: RoleView; readonly roleOutside?: string }
  | { readonly kind: "outside" };

/** Where an existing resource of a service keeps the role it runs as. */
interface RunsAs {
  /** ARN service and resource type, e.g. `lambda` / `function`. */
  readonly service: string;
  readonly arnType: string;
  /** Terraform type and the argument holding its name. */
  readonly type: string;
  readonly nameAttr: string;
  /** The role, as `[block, argument]` or `[argument]`; `instance-profile` for EC2. */
  readonly role: readonly string[];
}

const RUNS_AS: readonly RunsAs[] = [
  { service: "lambda", arnType: "function", type: "aws_lambda_function", nameAttr: "function_name", role: ["role"] },
  { service: "codebuild", arnType: "project", type: "aws_codebuild_project", nameAttr: "name", role: ["service_role"] },
  { service: "glue", arnType: "devEndpoint", type: "aws_glue_dev_endpoint", nameAttr: "name", role: ["role_arn"] },
  { service: "sagemaker", arnType: "notebook-instance", type: "aws_sagemaker_notebook_instance", nameAttr: "name", role: ["role_arn"] },
  { service: "cloudformation", arnType: "stack", type: "aws_cloudformation_stack", nameAttr: "name", role: ["iam_role_arn"] },
  { service: "apprunner", arnType: "service", type: "aws_apprunner_service", nameAttr: "service_name", role: ["instance_configuration", "instance_role_arn"] },
  { service: "bedrock-agentcore", arnType: "code-interpreter", type: "aws_bedrockagentcore_code_interpreter", nameAttr: "name", role: ["execution_role_arn"] },
  { service: "ec2", arnType: "instance", type: "aws_instance", nameAttr: "id", role: ["instance-profile", "iam_instance_profile"] },
  { service: "ec2", arnType: "launch-template", type: "aws_launch_template", nameAttr: "name", role: ["instance-profile", "iam_instance_profile", "name"] },
];

/** `arn:partition:service:region:account:type/name` (or `type:name`) → its parts. */
function parseArn(arn: string): { service: string; account: string; type: string; name: string } | undefined {
  if (!arn.startsWith("arn:")) return undefined;
  const partition = arn.indexOf(":", 4);
  const service = partition < 0 ? -1 : arn.indexOf(":", partition + 1);
  const region = service < 0 ? -1 : arn.indexOf(":", service + 1);
  const account = region < 0 ? -1 : arn.indexOf(":", region + 1);
  if (account < 0) return undefined;
  const rest = arn.slice(account + 1);
  const m = /^([\w-]+)[/:](.+)$/.exec(rest);
  return { service: arn.slice(partition + 1, service), account: arn.slice(region + 1, account), type: m?.[1] ?? "", name: m?.[2] ?? rest };
}

const lastSegment = (name: string): string => name.slice(name.lastIndexOf("/") + 1);

/** Resources of a type by the literal value of one argument (and by literal ARN), indexed once per model and key. */
const byValue = perKey((model: TfModel) => {
  const cache = new Map<string, Map<string, TfResource>>();
  return (type: string, attr: string): Map<string, TfResource> => {
    const key = `${type}\u0000${attr}`;
    let index = cache.get(key);
    if (index === undefined) {
      index = new Map();
      for (const r of ofType(model, type)) {
        for (const v of [r.values[attr], r.values.arn]) if (typeof v === "string" && !isExpression(v) && !index.has(v)) index.set(v, r);
      }
      cache.set(key, index);
    }
    return index;
  };
});

/** The resource of `type` that `ref` (a reference, or a literal name/ARN whose last segment is the name) names. */
function byNameOrRef(model: TfModel, from: TfResource, ref: string, type: string, nameAttr: string, name: string | undefined): TfResource | undefined {
  const hit = referencedResource(model, from, ref, type);
  if (hit) return hit;
  if (name === undefined || isExpression(name)) return undefined;
  const index = byValue(model)(type, nameAttr);
  return index.get(name) ?? index.get(ref);
}

function roleOfRunsAs(model: TfModel, r: TfResource, spec: RunsAs): { role?: RoleView; roleOutside?: string } | undefined {
  const [first, second, third] = spec.role;
  if (first === "instance-profile") {
    const holder = third !== undefined ? blocks(r.values[second as string])[0] ?? {} : r.values;
    const holderCfg = third !== undefined ? blocks(r.config?.[second as string])[0] ?? {} : r.config ?? {};
    const key = third ?? (second as string);
    const v = holder[key];
    if (v === undefined || v === null || v === "") return undefined;
    const profile = byNameOrRef(model, r, typeof holderCfg[key] === "string" ? (holderCfg[key] as string) : show(v), "aws_iam_instance_profile", "name", typeof v === "string" ? lastSegment(v) : undefined);
    if (!profile) return { roleOutside: `instance profile ${show(v)}` };
    const role = roleRef(model, profile, "role");
    return role ? { role } : { roleOutside: `role ${show(profile.values.role)}` };
  }
  const nested = second !== undefined;
  const holder = nested ? blocks(r.values[first as string])[0] ?? {} : r.values;
  const holderCfg = nested ? blocks(r.config?.[first as string])[0] ?? {} : r.config ?? {};
  const key = nested ? second : (first as string);
  const v = holder[key];
  if (v === undefined || v === null || v === "") return undefined;
  const role = roleRef(model, r, key, v, holderCfg[key]);
  return role ? { role } : { roleOutside: `role ${show(v)}` };
}

/** Resolves `resource` (as a policy names it, in `from`'s module) for a target of `kind`. */
export function resolveTarget(model: TfModel, from: TfResource, kind: TargetKind, resource: string): ResolvedTarget {
  const arn = parseArn(resource);
  switch (kind) {
    case "passed-role":
    case "assumed-role":
    case "modified-role": {
      if (arn !== undefined && (arn.service !== "iam" || arn.type !== "role")) return { kind: "outside" };
      const role = roleRef(model, from, "\u0000target", resource, resource);
      return role ? { kind: "role", role } : { kind: "outside" };
    }
    case "modified-user":
    case "user-credential":
    case "modified-group": {
      const type = kind === "modified-group" ? "aws_iam_group" : "aws_iam_user";
      if (arn !== undefined && (arn.service !== "iam" || arn.type !== type.slice(8))) return { kind: "outside" };
      const hit = byNameOrRef(model, from, resource, type, "name", arn ? lastSegment(arn.name) : resource);
      return hit ? { kind: "principal", resource: hit } : { kind: "outside" };
    }
    case "modified-policy": {
      if (arn !== undefined && (arn.service !== "iam" || arn.type !== "policy" || arn.account === "aws")) return { kind: "outside" };
      const policy = byNameOrRef(model, from, resource, "aws_iam_policy", "name", arn ? lastSegment(arn.name) : resource);
      if (!policy) return { kind: "outside" };
      const holders = new Set(permissionDocuments(model).attachments.filter((a) => a.document.at === policy).flatMap((a) => a.principals.map((p) => p.resource)));
      return { kind: "policy", policy, roles: roles(model).filter((r) => holders.has(r.resource)) };
    }
    case "existing-resource": {
      for (const spec of RUNS_AS) {
        if (arn !== undefined && (arn.service !== spec.service || arn.type !== spec.arnType)) continue;
        const name = arn !== undefined ? arn.name.split(":")[0] : undefined;
        const hit = byNameOrRef(model, from, resource, spec.type, spec.nameAttr, name);
        if (!hit) continue;
        const runs = roleOfRunsAs(model, hit, spec);
        return { kind: "runs-as", resource: hit, ...(runs ?? {}) };
      }
      return { kind: "outside" };
    }
  }
}

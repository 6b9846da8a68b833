import { isExpression, isRecord } from "./model";

/**
 * The resources of a CloudFormation template that Terraform deploys
 * (`aws_cloudformation_stack` / `aws_cloudformation_stack_set`
 * `template_body`), read as far as the guard needs: logical id and type.
 * JSON templates are parsed; YAML templates are scanned line by line for
 * `Type:` entries under `Resources` (no YAML parser dependency: the type of a
 * resource is all the guard reads, and CloudFormation YAML writes it as a
 * plain scalar).
 */

/** One resource of a template. */
export interface TemplateResource {
  /** Logical id, e.g. `CiUser`. */
  readonly logicalId: string;
  /** Resource type, e.g. `AWS::IAM::User`. */
  readonly type: string;
}

/** A template's resources, or why they cannot be read. */
export type TemplateRead =
  | { readonly kind: "ok"; readonly resources: readonly TemplateResource[] }
  | { readonly kind: "unknown"; readonly reason: string };

/**
 * The resources of `body` (a template as JSON or YAML text, or a parsed object).
 *
 * @param body - the `template_body` value
 */
export function templateResources(body: unknown): TemplateRead {
  if (isRecord(body)) return fromJson(body);
  if (typeof body !== "string") return { kind: "unknown", reason: "template_body is not text" };
  if (isExpression(body)) return { kind: "unknown", reason: "template_body is an expression the engine cannot evaluate" };
  const text = body.trim();
  if (text.startsWith("{")) {
    try {
      return fromJson(JSON.parse(text) as unknown);
    } catch {
      return { kind: "unknown", reason: "template_body is not valid JSON" };
    }
  }
  return fromYaml(body);
}

function fromJson(json: unknown): TemplateRead {
  if (!isRecord(json) || !isRecord(json.Resources)) return { kind: "unknown", reason: "template has no Resources" };
  return {
    kind: "ok",
    resources: Object.entries(json.Resources).flatMap(([logicalId, r]) => (isRecord(r) && typeof r.Type === "string" ? [{ logicalId, type: r.Type }] : [])),
  };
}

function fromYaml(text: string): TemplateRead {
  const lines = text.split(/\r?\n/);
  const resources: TemplateResource[] = [];
  let inResources = false;
  let idIndent = -1;
  let logicalId: string | undefined;
  for (const raw of lines) {
    const line = raw.replace(/\s+#.*$/, "");
    if (line.trim() === "" || line.trim().startsWith("#")) continue;
    const indent = line.length - line.trimStart().length;
    const key = /^\s*(["']?)([\w.:-]+)\1\s*:\s*(.*)$/.exec(line);
    if (indent === 0) {
      inResources = key?.[2] === "Resources";
      idIndent = -1;
      continue;
    }
    if (!inResources || !key) continue;
    if (idIndent < 0) idIndent = indent;
    if (indent === idIndent) {
      logicalId = key[2];
      continue;
    }
    if (indent > idIndent && key[2] === "Type" && logicalId !== undefined) {
      const type = (key[3] ?? "").trim().replace(/^(["'])(.*)\1$/, "$2");
      if (type !== "") resources.push({ logicalId, type });
    }
  }
  return inResources || resources.length > 0 ? { kind: "ok", resources } : { kind: "unknown", reason: "template_body is neither JSON nor YAML with a Resources section" };
}

import { ofType } from "./index-model";
import { perKey } from "./memo";
import { TfModel, TfResource } from "./model";
import { PolicyResult, readPolicy } from "./policy";

/** A resource type whose argument holds a resource policy (who, outside IAM, may act on the resource). */
export interface ResourcePolicySource {
  /** Terraform resource type. */
  readonly type: string;
  /** The argument holding the policy JSON. */
  readonly attr: string;
  /** What it protects, for messages, e.g. `S3 bucket`. */
  readonly what: string;
}

/**
 * Every resource argument that carries a resource policy, per service: the
 * dedicated `*_policy` resources and the inline `policy` arguments of the
 * resources themselves. (`aws_lambda_permission` has no document; ZSP017
 * reads its arguments.)
 */
export const RESOURCE_POLICY_SOURCES: readonly ResourcePolicySource[] = [
  { type: "aws_s3_bucket_policy", attr: "policy", what: "S3 bucket" },
  { type: "aws_s3_bucket", attr: "policy", what: "S3 bucket" },
  { type: "aws_s3_access_point", attr: "policy", what: "S3 access point" },
  { type: "aws_kms_key", attr: "policy", what: "KMS key" },
  { type: "aws_kms_key_policy", attr: "policy", what: "KMS key" },
  { type: "aws_secretsmanager_secret_policy", attr: "policy", what: "Secrets Manager secret" },
  { type: "aws_secretsmanager_secret", attr: "policy", what: "Secrets Manager secret" },
  { type: "aws_sns_topic_policy", attr: "policy", what: "SNS topic" },
  { type: "aws_sns_topic", attr: "policy", what: "SNS topic" },
  { type: "aws_sqs_queue_policy", attr: "policy", what: "SQS queue" },
  { type: "aws_sqs_queue", attr: "policy", what: "SQS queue" },
  { type: "aws_ecr_repository_policy", attr: "policy", what: "ECR repository" },
  { type: "aws_ecrpublic_repository_policy", attr: "policy", what: "ECR Public repository" },
  { type: "aws_efs_file_system_policy", attr: "policy", what: "EFS file system" },
  { type: "aws_backup_vault_policy", attr: "policy", what: "Backup vault" },
  { type: "aws_glacier_vault", attr: "access_policy", what: "Glacier vault" },
  { type: "aws_opensearch_domain_policy", attr: "access_policies", what: "OpenSearch domain" },
  { type: "aws_elasticsearch_domain_policy", attr: "access_policies", what: "Elasticsearch domain" },
  { type: "aws_api_gateway_rest_api_policy", attr: "policy", what: "API Gateway REST API" },
];

/** One resource policy in the input. */
export interface ResourcePolicyUse {
  /** The resource carrying it (where a finding sits). */
  readonly at: TfResource;
  /** What it protects. */
  readonly what: string;
  /** The policy, read. */
  readonly policy: PolicyResult;
}

/** Every resource policy of the input (absent ones left out), read once per model. */
export const resourcePolicies: (model: TfModel) => readonly ResourcePolicyUse[] = perKey((model: TfModel): ResourcePolicyUse[] => {
  const out: ResourcePolicyUse[] = [];
  for (const source of RESOURCE_POLICY_SOURCES) {
    for (const at of ofType(model, source.type)) {
      const policy = readPolicy(model, at, source.attr);
      if (policy.kind !== "absent") out.push({ at, what: source.what, policy });
    }
  }
  return out;
});

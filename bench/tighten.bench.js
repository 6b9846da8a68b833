// zsp tighten throughput: ~1 GB of generated CloudTrail (half the files gzipped, half plain),
// against gunzip + JSON.parse of the same files. Goals (issue 17): within 3x of that baseline,
// peak RSS under 300 MB. The data is generated into the OS temp folder and deleted afterwards.
"use strict";
const { spawnSync } = require("node:child_process");
const { mkdtempSync, mkdirSync, writeFileSync, rmSync, statSync, readdirSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const { gzipSync } = require("node:zlib");
const { table } = require("./lib");

const ROOT = join(__dirname, "..");
const TOTAL = Number(process.env.BENCH_TIGHTEN_BYTES || 1024 * 1024 * 1024);
const FILE = 8 * 1024 * 1024;
const ACCOUNT = "111122223333";
const ROLES = ["payments-deploy", "nightly-report", "etl-loader", "support-triage"].map((n) => `arn:aws:iam::${ACCOUNT}:role/zsp/jit/${n}`);
const OTHER = `arn:aws:iam::${ACCOUNT}:role/vault-server`;

/** The input: four JIT roles (hand-written Terraform JSON, the form zsp reads). */
function config(dir) {
  const role = (n) => ({ name: n, path: "/zsp/jit/", assume_role_policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": `repo:acme/${n}:environment:production` } } }] }) });
  const policy = (n, statements) => ({ name: "zsp-permissions", role: `\${aws_iam_role.${n}.name}`, policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) });
  const json = {
    provider: { aws: [{ region: "eu-west-1", allowed_account_ids: [ACCOUNT] }] },
    resource: {
      aws_iam_role: Object.fromEntries(ROLES.map((arn) => arn.split("/").pop()).map((n) => [n, role(n)])),
      aws_iam_role_policy: {
        "payments-deploy": policy("payments-deploy", [{ Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::acme-payments-artifacts/releases/*" }, { Effect: "Allow", Action: "lambda:UpdateFunctionCode", Resource: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:payments-api` }]),
        "nightly-report": policy("nightly-report", [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-reports/nightly/*" }]),
        "etl-loader": policy("etl-loader", [{ Effect: "Allow", Action: ["s3:Get*", "s3:PutObject", "s3:ListBucket"], Resource: ["arn:aws:s3:::acme-lake", "arn:aws:s3:::acme-lake/*"] }, { Effect: "Allow", Action: ["dynamodb:PutItem", "dynamodb:Query"], Resource: `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/etl-*` }]),
        "support-triage": policy("support-triage", [{ Effect: "Allow", Action: "ecs:UpdateService", Resource: `arn:aws:ecs:eu-west-1:${ACCOUNT}:service/support/worker` }, { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-support-attachments/*" }]),
      },
    },
  };
  const file = join(dir, "roles.tf.json");
  writeFileSync(file, JSON.stringify(json));
  return file;
}

let n = 0;
function record(i) {
  n++;
  const roleArn = i % 13 === 0 ? OTHER : ROLES[i % ROLES.length];
  const name = roleArn.split("/").pop();
  const key = `ASIAEXAMPLE${String(Math.floor(i / 40)).padStart(9, "0")}`;
  const day = String(1 + (i % 28)).padStart(2, "0");
  const time = `2026-11-${day}T${String(i % 24).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}:07Z`;
  const identity = {
    type: "AssumedRole", principalId: `AROAEXAMPLE:${name}-${i}`, arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${name}/s-${i}`, accountId: ACCOUNT, accessKeyId: key,
    sessionContext: { sessionIssuer: { type: "Role", principalId: "AROAEXAMPLE", arn: roleArn, accountId: ACCOUNT, userName: name }, attributes: { creationDate: time, mfaAuthenticated: "false" } },
  };
  const common = { eventVersion: "1.10", userIdentity: identity, eventTime: time, awsRegion: i % 17 === 0 ? "eu-central-1" : "eu-west-1", sourceIPAddress: `203.0.${i % 200}.${i % 250}`, userAgent: "aws-cli/2.22.4 md/awscrt#0.23.4 ua/2.0 os/linux#6.5.0 md/arch#x86_64 lang/python#3.12.6", requestID: `REQ${i}`, eventID: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`, eventType: "AwsApiCall", recipientAccountId: ACCOUNT };
  if (i % 40 === 0) {
    return { ...common, userIdentity: { type: "WebIdentityUser", principalId: "gh", userName: `repo:acme/${name}:environment:production`, identityProvider: "x" }, eventSource: "sts.amazonaws.com", eventName: "AssumeRoleWithWebIdentity", requestParameters: { roleArn, roleSessionName: `s-${i}` }, responseElements: { credentials: { accessKeyId: key, expiration: "x" }, subjectFromWebIdentityToken: `repo:acme/${name}:environment:production`, provider: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`, audience: "sts.amazonaws.com" }, readOnly: true, managementEvent: true, eventCategory: "Management" };
  }
  if (i % 7 === 0) {
    return { ...common, eventSource: "lambda.amazonaws.com", eventName: "GetFunction20150331v2", errorCode: "AccessDeniedException", requestParameters: { functionName: "payments-api" }, responseElements: null, readOnly: true, managementEvent: true, eventCategory: "Management" };
  }
  const bucket = { "payments-deploy": "acme-payments-artifacts", "nightly-report": "acme-reports", "etl-loader": "acme-lake", "support-triage": "acme-support-attachments", "vault-server": "acme-vault" }[name];
  const prefix = { "payments-deploy": "releases", "nightly-report": "nightly" }[name] ?? "data";
  const objectKey = `${prefix}/2026/11/${day}/part-${String(i).padStart(8, "0")}.parquet`;
  const eventName = name === "payments-deploy" || (name === "etl-loader" && i % 3 === 0) ? "PutObject" : "GetObject";
  return {
    ...common, eventSource: "s3.amazonaws.com", eventName,
    requestParameters: { bucketName: bucket, Host: `${bucket}.s3.eu-west-1.amazonaws.com`, key: objectKey, "x-id": eventName },
    responseElements: null,
    additionalEventData: { SignatureVersion: "SigV4", CipherSuite: "TLS_AES_128_GCM_SHA256", bytesTransferredIn: 0, AuthenticationMethod: "AuthHeader", "x-amz-id-2": "EXAMPLEid2EXAMPLEid2EXAMPLEid2", bytesTransferredOut: 4096 },
    readOnly: eventName === "GetObject",
    resources: [{ type: "AWS::S3::Object", ARN: `arn:aws:s3:::${bucket}/${objectKey}` }, { accountId: ACCOUNT, type: "AWS::S3::Bucket", ARN: `arn:aws:s3:::${bucket}` }],
    managementEvent: false, eventCategory: "Data",
    tlsDetails: { tlsVersion: "TLSv1.3", cipherSuite: "TLS_AES_128_GCM_SHA256", clientProvidedHostHeader: `${bucket}.s3.eu-west-1.amazonaws.com` },
  };
}

function generate(dir) {
  let written = 0;
  let compressed = 0;
  let files = 0;
  let i = 0;
  while (written < TOTAL) {
    const parts = [];
    let size = 0;
    while (size < FILE) {
      const text = JSON.stringify(record(i++));
      parts.push(text);
      size += text.length + 1;
    }
    const body = `{"Records":[${parts.join(",")}]}`;
    const day = String(1 + (files % 28)).padStart(2, "0");
    const folder = join(dir, "AWSLogs", ACCOUNT, "CloudTrail", "eu-west-1", "2026", "11", day);
    mkdirSync(folder, { recursive: true });
    const gz = files % 2 === 0;
    const file = join(folder, `${ACCOUNT}_CloudTrail_eu-west-1_202611${day}T0000Z_${String(files).padStart(6, "0")}.json${gz ? ".gz" : ""}`);
    const bytes = gz ? gzipSync(body, { level: 6 }) : Buffer.from(body);
    writeFileSync(file, bytes);
    written += Buffer.byteLength(body);
    compressed += bytes.length;
    files++;
  }
  return { written, compressed, files, records: i };
}

function child(code) {
  const r = spawnSync(process.execPath, ["-e", code], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`bench child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop());
}

const dir = mkdtempSync(join(tmpdir(), "zsp-tighten-bench-"));
try {
  const cfg = config(dir);
  const t0 = Date.now();
  const data = generate(join(dir, "trail"));
  console.log(`generated ${data.files} files, ${(data.written / 1e6).toFixed(0)} MB of JSON (${(data.compressed / 1e6).toFixed(0)} MB on disk), ${data.records} records, in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const trail = join(dir, "trail");
  const baseline = `
    const { readFileSync, readdirSync, statSync } = require("node:fs"); const { join } = require("node:path"); const { gunzipSync } = require("node:zlib");
    const walk = (d) => readdirSync(d).sort().flatMap((n) => statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]);
    const t = process.hrtime.bigint(); let records = 0;
    for (const f of walk(${JSON.stringify(trail)})) { let b = readFileSync(f); if (f.endsWith(".gz")) b = gunzipSync(b); records += JSON.parse(b.toString("utf8")).Records.length; }
    console.log(JSON.stringify({ ms: Number(process.hrtime.bigint() - t) / 1e6, rssMb: process.resourceUsage().maxRSS / 1024, records }));`;
  const tighten = `
    const { main } = require("./dist/cli/main");
    const t = process.hrtime.bigint(); let out = "";
    Promise.resolve(main(["tighten", ${JSON.stringify(cfg)}, "--cloudtrail", ${JSON.stringify(trail)}, "--format", "json"], { stdout: { write: (s) => { out += s; } }, stderr: process.stderr })).then((code) => {
      const r = JSON.parse(out);
      console.log(JSON.stringify({ ms: Number(process.hrtime.bigint() - t) / 1e6, rssMb: process.resourceUsage().maxRSS / 1024, code, records: r.summary.records, proved: r.summary.proved }));
    });`;
  const b1 = child(baseline);
  const z1 = child(tighten);
  const z2 = child(tighten);
  const b2 = child(baseline);
  const bMs = (b1.ms + b2.ms) / 2;
  const zMs = (z1.ms + z2.ms) / 2;
  if (z1.records !== data.records || b1.records !== data.records) throw new Error(`record counts differ: generated ${data.records}, baseline ${b1.records}, tighten ${z1.records}`);
  const mb = data.written / 1024 / 1024;
  console.log(`### zsp tighten on ${mb.toFixed(0)} MiB of CloudTrail JSON (${data.files} files, half gzipped; mean of 2 runs, ABBA)`);
  console.log(table(["", "time", "MiB/s (JSON)", "peak RSS"], [
    ["gunzip + JSON.parse (baseline)", `${(bMs / 1000).toFixed(1)} s`, (mb / (bMs / 1000)).toFixed(0), `${Math.max(b1.rssMb, b2.rssMb).toFixed(0)} MB`],
    ["zsp tighten --format json", `${(zMs / 1000).toFixed(1)} s`, (mb / (zMs / 1000)).toFixed(0), `${Math.max(z1.rssMb, z2.rssMb).toFixed(0)} MB`],
  ]));
  const ratio = zMs / bMs;
  const rss = Math.max(z1.rssMb, z2.rssMb);
  console.log(`ratio ${ratio.toFixed(2)}x (goal ≤ 3x): ${ratio <= 3 ? "met" : "NOT met"}; peak RSS ${rss.toFixed(0)} MB (goal < 300 MB): ${rss < 300 ? "met" : "NOT met"}; ${z1.proved} roles proved`);
  process.exitCode = ratio <= 3 && rss < 300 ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}

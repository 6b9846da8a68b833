import { Construct } from "constructs";
import { PropContext, ZspError, nested } from "../core/errors";
import { ZspProfile } from "../core/profile-scope";
import { Ownership, ownershipTags } from "../ownership/ownership";
import { vault } from "../../provider-shim/vault-bindings";
import { ownershipDescription, vaultName } from "./common";
import { requireProps } from "../core/shape";
import { providerOf, useProvider } from "../core/provider-scope";
import type { TerraformProviderLike } from "../../provider-shim/core-types";
import { recordSourceLocations } from "../core/source-recorder";

/** Where Vault writes the audit log. */
export type AuditSink =
  | {
    /** A file on the Vault server (written with mode 0600). */
    readonly type: "file";
    /** Absolute path, e.g. `/vault/audit/audit.log`. */
    readonly filePath: string;
  }
  | {
    /** A socket to a log collector (SIEM). */
    readonly type: "socket";
    /** `host:port` of the log collector, or a unix socket path. */
    readonly address: string;
    /** Default `tcp`. */
    readonly socketType?: "tcp" | "udp" | "unix";
  };

/** Props of a {@link VaultAuditDevice}. */
export interface VaultAuditDeviceProps {
  /**
   * The Vault provider every vault resource of this construct goes to, e.g. the
   * `vaultProvider(stack, { alias: "dr", ... })` of another Vault cluster. Constructs created inside it inherit it.
   * Any provider block of the vault kind fits (cdktf or CDK Terrain, recognised by its brand).
   * @default the stack's default (unaliased) Vault provider, or the one an enclosing construct chose
   * @throws ZspError when it is not a vault provider of this stack
   */
  readonly provider?: TerraformProviderLike;
  /** Device path, e.g. `file-audit`. Default the sink type. */
  readonly path?: string;
  /** Where the log goes. */
  readonly sink: AuditSink;
  /** Owner of the audit trail; becomes the device's description. */
  readonly ownership: Ownership;
}

/**
 * A Vault audit device: Vault logs every request and response, including
 * each lease issued (login, `creds/…` read) and revoked, so issuance and
 * revocation are logged by Vault itself, separately from AWS CloudTrail.
 * Secrets are HMAC'd in the log (`log_raw` is always `false`; passing it is
 * refused), and token accessors are HMAC'd too (`hmac_accessor`).
 */
export class VaultAuditDevice extends Construct {
  /** Device path. */
  public readonly path: string;

  public constructor(scope: Construct, id: string, props: VaultAuditDeviceProps) {
    super(scope, id);
    recordSourceLocations(this);
    const ctx: PropContext = { path: this.node.path, prop: "props" };
    requireProps(props, ctx, 'give sink ({ type: "file", filePath } or { type: "socket", address }) and ownership');
    useProvider(this, "vault", props.provider, { path: this.node.path, prop: "provider" });
    if ((props as unknown as Record<string, unknown>).logRaw !== undefined || (props.sink as unknown as Record<string, unknown> | undefined)?.logRaw !== undefined) {
      throw new ZspError({ ...nested(ctx, "logRaw"), problem: "log_raw writes every secret Vault issues into the audit log in plain text", fix: "remove it; the log keeps HMACs of secrets, which `vault write sys/audit-hash/<path>` can match" });
    }
    const sink = props.sink;
    let options: Record<string, string>;
    if (sink?.type === "file") {
      if (typeof sink.filePath !== "string" || !sink.filePath.startsWith("/")) {
        throw new ZspError({ ...nested(ctx, "sink.filePath"), problem: `${JSON.stringify(sink.filePath)} is not an absolute path`, fix: "give e.g. /vault/audit/audit.log" });
      }
      options = { file_path: sink.filePath, mode: "0600" };
    } else if (sink?.type === "socket") {
      if (typeof sink.address !== "string" || !/^[^\s:]+:\d+$|^\/\S+$/.test(sink.address)) {
        throw new ZspError({ ...nested(ctx, "sink.address"), problem: `${JSON.stringify(sink.address)} is not host:port or a socket path`, fix: "give e.g. audit-collector.internal:9090" });
      }
      options = { address: sink.address, socket_type: sink.socketType ?? "tcp" };
    } else {
      throw new ZspError({ ...nested(ctx, "sink.type"), problem: `${JSON.stringify((sink as { type?: unknown } | undefined)?.type)} is not an audit sink`, fix: 'use { type: "file", filePath } or { type: "socket", address }' });
    }
    this.path = vaultName(props.path ?? sink.type, nested(ctx, "path"), "file-audit");
    const tags = ownershipTags(props.ownership, "audit", ZspProfile.of(this), nested(ctx, "ownership"));
    new vault.Audit(this, "device", { ...providerOf(this, "vault"),
      path: this.path,
      type: sink.type,
      description: ownershipDescription(tags),
      options: { ...options, format: "json", log_raw: "false", hmac_accessor: "true" },
    });
  }
}

import { SECRET_FORMATS, secretFormatIn, secretFormatInBase64 } from "../modules/guard/secret-formats";

// secretFormatIn looks only where a format's anchor occurs (and reads a URL's password after each `://`);
// it must find exactly what the documented patterns find, first format first.

const documented = (text: string): string | undefined => SECRET_FORMATS.find((f) => f.pattern.test(text))?.what;

const TEXTS = [
  "postgres://etl:Tr0ub4dor-and-3@db.internal:5432/app",
  "postgres://etl@db.internal:5432/app?sslmode=require",
  "DATABASE_URL=mongodb+srv://app:pw-123456@cluster0.example.net/db",
  "see x-http://u:p@h and s3+http://u:p@h/x",
  "1http://a:b@c 2+ftp://u:p@h -http://a:b@c",
  "éhttp://a:b@c é1http://a:b@c",
  "http://a:${var.pw}@c http://a:{{pw}}@c http://a:$PW@c http://a:%{pw}@c http://a:<pw>@c http://a:***@c",
  "://a:b@c",
  "a://b://c:d@e",
  "HTTPS://User:Secret-Pw@Host.example/path",
  "redis://:pass@host",
  "http://u:p@ h",
  "http://a:b:c@d",
  "curl -f http://localhost:8080/health || exit 1",
  "export SVC_ENDPOINT=https://svc.internal.acme.example:8443/v1 # service\nsystemctl enable --now worker@1.service",
  "AKIAIOSFODNN7EXAMPLE",
  "xAKIAIOSFODNN7EXAMPLE",
  `ghp_${"a".repeat(36)} and https://u:p@h`,
  "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl\n-----END OPENSSH PRIVATE KEY-----",
  '{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\nMII"}',
  `SK${"0123456789abcdef".repeat(2)}`,
  `TASK${"0123456789abcdef".repeat(2)}`,
  "echo key >> ~/.aws/credentials",
  "https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXX",
  "nothing to see here, only words and numbers 1234567890",
];

describe("secretFormatIn", () => {
  it.each(TEXTS)("finds what the documented patterns find in %j", (text) => {
    expect(secretFormatIn(text)?.what).toBe(documented(text));
  });

  it("every format's pattern matches only text holding one of its anchors", () => {
    for (const text of TEXTS) {
      for (const f of SECRET_FORMATS) {
        if (f.pattern.test(text)) expect(f.anchors.some((a) => text.includes(a))).toBe(true);
      }
    }
  });

  it("the texts above hold URL passwords and URLs without one", () => {
    const found = TEXTS.map(documented);
    expect(found).toContain("a password in a URL");
    expect(found.filter((w) => w === undefined).length).toBeGreaterThan(5);
  });
});

// Base64 text (user_data_base64) is looked at for the formats whose anchors are base64 characters only.
const BASE64_TEXTS = [
  "AKIAIOSFODNN7EXAMPLE", "xAKIAIOSFODNN7EXAMPLEx", "QUJDAKIAIOSFODNN7EXAMPLE+/==", `SK${"0123456789abcdef".repeat(2)}`, `TASK${"0123456789abcdef".repeat(2)}`,
  `AIza${"A1b2C3d4E5".repeat(4).slice(0, 35)}`, `AccountKey=${"A".repeat(40)}`, "eyJhbGciOiJIUzI1NiJ9", Buffer.from("#!/bin/bash\nexport TOKEN=abc\n").toString("base64"), "aGVsbG8gd29ybGQ=",
];

describe("secretFormatInBase64", () => {
  it.each(BASE64_TEXTS)("finds in %j what secretFormatIn finds", (text) => {
    expect(text).toMatch(/^[A-Za-z0-9+/=]+$/);
    expect(secretFormatInBase64(text)?.what).toBe(secretFormatIn(text)?.what);
  });

  it("finds formats in base64 text", () => {
    expect(BASE64_TEXTS.map(secretFormatInBase64).filter((f) => f !== undefined).length).toBeGreaterThan(3);
  });
});

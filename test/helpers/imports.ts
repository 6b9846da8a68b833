import ts from "typescript";

/** Core packages: the CDK for Terraform and its fork CDK Terrain. */
const CORE = new Set(["cdktf", "cdktn"]);
/** Prebuilt provider bindings of either flavour. */
const PROVIDER = /^(@cdktf|@cdktn)\/provider-[a-z0-9-]+/;

/** Every module specifier `source` imports, exports from, requires (or `require.resolve`s) or names in an import type. */
export function moduleSpecifiers(source: string, fileName = "file.ts"): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      found.push(node.moduleReference.expression.text);
    } else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === "require") || node.expression.getText() === "require.resolve")) {
      const [arg] = node.arguments;
      if (arg !== undefined && ts.isStringLiteralLike(arg)) found.push(arg.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** The package a specifier names: `@scope/name` or `name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] as string);
}

/** What the seam rule says about one specifier, or undefined when it is no core or provider import. */
export function seamImport(specifier: string): { pkg: string; kind: "core" | "provider"; deep: boolean } | undefined {
  const pkg = packageOf(specifier);
  if (CORE.has(pkg)) return { pkg, kind: "core", deep: specifier !== pkg };
  if (PROVIDER.test(pkg)) return { pkg, kind: "provider", deep: specifier !== pkg };
  return undefined;
}


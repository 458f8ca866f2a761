// Failures of a program run whose cause is not the program: configuration the stack does not have,
// packages that are not installed. Saying "fix the program" there sends people the wrong way, and
// the SDK's own hint (`pulumi config set …`) needs the CLI this tool exists to avoid.

export interface FailureContext {
  /** The program's directory (where `npm install` runs). */
  programDir: string;
  stack: string;
}

/** The SDK's ConfigMissingError (@pulumi/pulumi config.ts) names the namespaced key. */
const MISSING_CONFIG = /^Missing required configuration variable '([^']+)'/;
/** Node's MODULE_NOT_FOUND for a package (not a relative or absolute path, which is the program's own file). */
const MISSING_PACKAGE = /^Cannot find (?:module|package) '((?:@[^/'\s]+\/)?[^./'\s][^/'\s]*)/;

/** A message explaining the failure and its fix, or undefined when the program itself is at fault. */
export function explainEnvironmentFailure(message: string, ctx: FailureContext): string | undefined {
  const config = MISSING_CONFIG.exec(message);
  if (config) {
    const key = config[1];
    const secret = /pulumi config set --secret/.test(message);
    return (
      `The Pulumi program in ${ctx.programDir} needs the configuration value '${key}', which stack "${ctx.stack}" does not set. ` +
      `Pass it with --config ${key}=<value>${secret ? " (a secret: take it from the environment, e.g. --config \"" + key + "=$VALUE\")" : ""}, ` +
      `or add it to Pulumi.${ctx.stack}.yaml (with the Pulumi CLI: pulumi config set${secret ? " --secret" : ""} ${key} <value> --stack ${ctx.stack}).`
    );
  }
  const pkg = MISSING_PACKAGE.exec(message);
  if (pkg && !pkg[1].startsWith("node:")) {
    return `The Pulumi program in ${ctx.programDir} imports '${pkg[1]}', which is not installed. Install the program's dependencies (npm install, or your package manager's equivalent, where its package.json is) and run again.`;
  }
  return undefined;
}

// Which properties the program marked secret, per resource, as the engine sent them (policy-sdk.ts
// reads them from the Analyze and AnalyzeStack requests before @pulumi/policy unwraps secrets).
// Rules print "[secret]" for them (ResourceView.show); and every finding's text is scrubbed of their
// values in the one place findings are reported (pack.ts), so no rule can leak one by quoting it.
import { type SecretsByPath } from "./policy-sdk";
import { secretLeaves, SecretRedactor } from "./redact";

export const NO_SECRETS: SecretsByPath = new Map();

class SecretStore {
    private byUrn = new Map<string, SecretsByPath>();

    record(secrets: ReadonlyMap<string, SecretsByPath>): void {
        for (const [urn, s] of secrets) {
            this.byUrn.set(urn, s);
        }
    }

    /** A new stack (ConfigureStack): forget the last one's. */
    clear(): void {
        this.byUrn = new Map();
    }

    of(urn: string): SecretsByPath {
        return this.byUrn.get(urn) ?? NO_SECRETS;
    }
}

export const secretStore = new SecretStore();

const unchanged = (text: string): string => text;

/** Hides every secret of `resources`, wholly and in part, from a text. */
export function scrubberFor(resources: Iterable<{ readonly secrets: SecretsByPath }>): (text: string) => string {
    const values = new Set<string>();
    for (const r of resources) {
        for (const v of r.secrets.values()) {
            secretLeaves(v, values);
        }
    }
    if (values.size === 0) {
        return unchanged;
    }
    const redactor = new SecretRedactor(values);
    return (text) => redactor.redact(text);
}

/** True when `path` is secret, lies inside a secret, or holds one. */
export function isSecretPath(secrets: SecretsByPath, path: string): boolean {
    if (secrets.size === 0) {
        return false;
    }
    for (const p of secrets.keys()) {
        if (p === path || path.startsWith(`${p}.`) || p.startsWith(`${path}.`) || p === "") {
            return true;
        }
    }
    return false;
}

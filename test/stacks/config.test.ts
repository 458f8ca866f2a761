import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { parseStackConfig, StackConfigError } from "../../stacks/config";

const STACKS = path.resolve(__dirname, "..", "..", "stacks");

/** A stack config file's `config:` block as the Pulumi engine hands it to the program: JSON text for structured values. */
function engineConfig(stack: string): Record<string, string> {
    const file = parse(fs.readFileSync(path.join(STACKS, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
    return Object.fromEntries(Object.entries(file.config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}

function configError(raw: Record<string, string>, stack = "prod"): StackConfigError {
    try {
        parseStackConfig(raw, stack);
    } catch (error) {
        assert.ok(error instanceof StackConfigError, `expected a StackConfigError, got ${String(error)}`);
        return error;
    }
    assert.fail("expected the config to be rejected");
}

describe("stacks/config: stack config validated with zod", () => {
    it("accepts the prod stack file and applies it", () => {
        const config = parseStackConfig(engineConfig("prod"), "prod");
        assert.equal(config.profile, "production");
        assert.equal(config.region, "eu-west-1");
        assert.equal(config.network.availabilityZoneCount, 3);
        assert.deepEqual(config.web.instanceTypes, ["m7i.large", "m6i.large"]);
        assert.equal(config.web.minSize, 3);
        assert.equal(config.database.readReplicas, 1);
        assert.equal(config.worker.timeoutSeconds, 60);
    });

    it("accepts the dev stack file, which selects the development profile for the code and the pack", () => {
        const raw = engineConfig("dev");
        const config = parseStackConfig(raw, "dev");
        assert.equal(config.profile, "development");
        assert.deepEqual(JSON.parse(raw["pulumi:tags"]), { "faultguard:profile": "development" });
    });

    it("needs only profile and region; left-out keys fall to the components' defaults", () => {
        const config = parseStackConfig({ "aws:region": "us-east-1", "faultguard-example:profile": "production" }, "prod");
        assert.deepEqual(config.network, {});
        assert.deepEqual(config.database, { engine: "postgres" });
        assert.deepEqual(config.worker, { runtime: "nodejs20.x" });
        assert.deepEqual(config.web, { port: 8080 });
    });

    it("a missing key is named, with the command that sets it", () => {
        const error = configError({ "aws:region": "eu-west-1" });
        assert.match(error.message, /^invalid stack config for stack "prod" \(stacks\/Pulumi\.prod\.yaml\), 1 problem:/);
        assert.match(error.message, /faultguard-example:profile is required; fix: pulumi config set 'faultguard-example:profile' production --stack prod/);
    });

    it("a wrong value is named with what is allowed", () => {
        const error = configError({ "aws:region": "eu-west-1", "faultguard-example:profile": "staging" });
        assert.match(error.message, /faultguard-example:profile must be "production" or "development"/);
    });

    it("a misspelt key is named with the keys that exist there", () => {
        const error = configError({ "aws:region": "eu-west-1", "faultguard-example:profile": "production", "faultguard-example:databse": "{}" });
        assert.match(error.message, /faultguard-example:databse is not a known key; fix: remove it from stacks\/Pulumi\.prod\.yaml or fix the spelling \(known keys here: profile, tags, network, web, database, worker\)/);
    });

    it("nested keys are named by path, every problem in ONE error", () => {
        const error = configError(
            {
                "faultguard-example:profile": "production",
                "faultguard-example:network": JSON.stringify({ availabilityZoneCount: 1 }),
                "faultguard-example:web": JSON.stringify({ minSize: 3, maxSize: 2, prot: 80 }),
            },
            "dev",
        );
        assert.match(error.message, /, 4 problems:/);
        assert.match(error.message, /aws:region is required; fix: pulumi config set aws:region eu-west-1 --stack dev/);
        assert.match(error.message, /faultguard-example:network\.availabilityZoneCount must be at least 2 \(3 recommended\); fix: pulumi config set --path 'faultguard-example:network\.availabilityZoneCount' <value> --stack dev/);
        assert.match(error.message, /faultguard-example:web\.prot is not a known key.*known keys here: instanceTypes, minSize, maxSize, certificateArn, port/);
        assert.match(error.message, /faultguard-example:web\.maxSize \(2\) is below web\.minSize \(3\)/);
    });

    it("is a RunError, so the Pulumi CLI prints the message without a stack trace", async () => {
        const pulumi = await import("@pulumi/pulumi");
        assert.ok(pulumi.RunError.isInstance(configError({})));
    });
});

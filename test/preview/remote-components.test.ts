// Remote components (awsx, eks) offline (issue 14 item 9): judged by their inputs where the inputs
// decide; an "incomplete" verdict whenever opaque components hide resources (judged by inputs or
// not: inputs decide a property, not the resources built from them); awsx classic's local
// components are not remote.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { main } from "../../preview/src/cli";
import { renderSarif } from "../../preview/src/report/sarif";
import { renderText } from "../../preview/src/report/text";
import { analyzeInlineDetailed } from "../support/analyze";

/** A component registered the way a multi-language component package (here @pulumi/eks) registers it. */
class Remote extends pulumi.ComponentResource {
    constructor(type: string, name: string, args: pulumi.Inputs) {
        super(type, name, args, {}, true);
    }
}

const findingsOf = (report: { violations: Array<{ policy: string; name: string; message: string }> }, policy: string) =>
    report.violations.filter((v) => v.policy === policy).map((v) => `${v.name}: ${v.message}`);

describe("preview: remote components offline", function () {
    this.timeout(240_000);

    it("judges awsx ECS services by desiredCount (awsx's defaults: Fargate 1, EC2 0) and eks node groups by size and subnets; still incomplete", async () => {
        const { report, result } = await analyzeInlineDetailed(() => {
            new awsx.ecs.FargateService("api", { taskDefinitionArgs: { container: { name: "app", image: "nginx" } } });
            new awsx.ecs.EC2Service("ec2", { taskDefinitionArgs: { container: { name: "app", image: "nginx", memory: 128 } } });
            new awsx.ecs.FargateService("api-ha", { desiredCount: 3, taskDefinitionArgs: { container: { name: "app", image: "nginx" } } });
            new Remote("eks:index:Cluster", "k8s", {});
            new Remote("eks:index:Cluster", "k8s-ha", { minSize: 2, privateSubnetIds: ["subnet-a", "subnet-b"] });
            new Remote("eks:index:ManagedNodeGroup", "workers", { scalingConfig: { minSize: 3, desiredSize: 3, maxSize: 6 }, subnetIds: ["subnet-a"] });
            new Remote("eks:index:Cluster", "serverless", { fargate: true });
        });
        assert.deepEqual(findingsOf(report, "ecs-service-redundancy").sort(), [
            "api: desiredCount is unset (awsx runs 1); set desiredCount to at least 2 so losing one task or zone leaves the service running.",
            "ec2: desiredCount is unset (awsx runs 0); set desiredCount to at least 2 so losing one task or zone leaves the service running.",
        ]);
        const eks = findingsOf(report, "eks-node-redundancy").sort();
        assert.equal(eks.length, 2, eks.join("\n"));
        assert.match(eks[0], /^k8s: the minimum node count is unset \(eks defaults to 1\)/);
        assert.match(eks[1], /^workers: subnetIds lists one subnet/);
        const judged = new Map(report.opaqueComponents.map((c) => [c.name, c.judgedByInputs]));
        assert.equal(judged.get("api"), true);
        assert.equal(judged.get("k8s"), true);
        // Judged by inputs is not seen: a stack whose compute is all opaque gets no green verdict.
        const { report: judgedOnly, result: judgedResult } = await analyzeInlineDetailed(() => {
            new awsx.ecs.FargateService("api-ha", { desiredCount: 3, taskDefinitionArgs: { container: { name: "app", image: "nginx" } } });
            new Remote("eks:index:Cluster", "k8s-ha", { minSize: 2, privateSubnetIds: ["subnet-a", "subnet-b"] });
        });
        assert.equal(judgedOnly.summary.mandatory, 0);
        assert.deepEqual(judgedOnly.opaqueComponents.map((c) => [c.name, c.judgedByInputs]).sort(), [["api-ha", true], ["k8s-ha", true]]);
        assert.equal(judgedOnly.verdict, "incomplete");
        assert.match(renderText(judgedResult), /^Incomplete: 2 opaque components hide resources no policy saw \(listed above\) \(all were judged by their inputs only\)/m);
        assert.match(renderSarif(judgedResult, process.cwd()).runs[0].invocations?.[0].toolExecutionNotifications?.[0].message.text ?? "", /policies judged only its inputs/);
        assert.equal(report.verdict, "failed", renderText(result).slice(-400));
    });

    it("an opaque component nothing judges makes the verdict incomplete: its own line in text, a field in JSON, a notification in SARIF", async () => {
        const { report, result } = await analyzeInlineDetailed(() => {
            new awsx.lb.NetworkLoadBalancer("web", {});
        });
        assert.equal(report.summary.mandatory, 0);
        assert.equal(report.verdict, "incomplete");
        assert.deepEqual(report.opaqueComponents.map((c) => [c.name, c.judgedByInputs]), [["web", false]]);
        const text = renderText(result);
        assert.match(text, /^Incomplete: 1 opaque component hides resources no policy saw/m);
        assert.match(text, /^Result: INCOMPLETE/m);
        const sarif = renderSarif(result, process.cwd());
        assert.equal(sarif.runs[0].properties?.["verdict"], "incomplete");
        assert.match(sarif.runs[0].invocations?.[0].toolExecutionNotifications?.[0].message.text ?? "", /awsx:lb:NetworkLoadBalancer web is built by a provider plugin; its resources are not visible offline and no policy judged it/);
    });

    it("awsx classic's local components (awsx:x:…) are not listed as opaque", async () => {
        const { report } = await analyzeInlineDetailed(() => {
            new pulumi.ComponentResource("awsx:x:ec2:Subnet", "classic-subnet", {});
        });
        assert.deepEqual(report.opaqueComponents, []);
        assert.equal(report.verdict, "passed");
    });

    it("the CLI exits 2 (anything else) on an incomplete verdict by default, --incomplete-exit-code changes it (0 accepts it), a bad code is rejected", async () => {
        const io = () => {
            const out: string[] = [];
            return { out, io: { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t), cwd: process.cwd() } };
        };
        const bad = io();
        assert.equal(await main(["preview", ".", "--incomplete-exit-code", "300"], bad.io), 2);
        assert.match(bad.out.join(""), /--incomplete-exit-code "300": give an exit code from 0 to 255/);
        const dir = path.resolve(__dirname, "..", "fixtures", "preview", "programs", "opaque-remote");
        const run = io();
        assert.equal(await main(["preview", dir, "--stack", "dev", "--format", "json"], run.io), 2, run.out.join(""));
        const own = io();
        assert.equal(await main(["preview", dir, "--stack", "dev", "--incomplete-exit-code", "3"], own.io), 3, own.out.join(""));
        assert.equal(JSON.parse(run.out.filter((t) => t.trimStart().startsWith("{")).join("")).verdict, "incomplete");
        const accepted = io();
        assert.equal(await main(["preview", dir, "--stack", "dev", "--incomplete-exit-code", "0"], accepted.io), 0, accepted.out.join(""));
        assert.match(accepted.out.join(""), /^Result: INCOMPLETE/m);
    });
});

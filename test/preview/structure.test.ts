// Offline structure renderings (preview/src/capture/probe.ts): documents built from IDs unknown in a
// first preview are judged by their structure, marked so; the engine-shaped path keeps "could not
// evaluate"; a document whose shape depends on an unknown value stays undecided.
import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { renderStructure, PROBE_TOKEN } from "../../preview/src/capture/probe";
import { UNKNOWN_SENTINEL } from "../../preview/src/capture/values";
import * as path from "node:path";
import { captureProgram } from "../../preview/src/capture/program";
import { analyzeInlineDetailed, notEvaluatedOf, violationsOf } from "../support/analyze";
import { renderText } from "../../preview/src/report/text";
import { renderSarif } from "../../preview/src/report/sarif";
import { type Report } from "../../preview/src/report/model";

const RETRY = [{ ErrorEquals: ["Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException"], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2, JitterStrategy: "FULL" }];
const CATCH = [{ ErrorEquals: ["States.ALL"], Next: "Failed" }];

function lambda(name: string): aws.lambda.Function {
  const role = new aws.iam.Role(`${name}-role`, { assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] }) });
  return new aws.lambda.Function(name, { runtime: "nodejs20.x", handler: "index.handler", role: role.arn, code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => 1;") }) });
}

/** A state machine whose definition is pulumi.jsonStringify over a new function's ARN. */
function stateMachine(resilient: boolean): () => void {
  return () => {
    const charge = lambda("charge");
    const role = new aws.iam.Role("sfn-role", { assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [] }) });
    new aws.sfn.StateMachine("flow", {
      roleArn: role.arn,
      definition: pulumi.jsonStringify({
        StartAt: "Charge",
        States: {
          Charge: { Type: "Task", Resource: charge.arn, Next: "Done", ...(resilient ? { TimeoutSeconds: 30, Retry: RETRY, Catch: CATCH } : {}) },
          Failed: { Type: "Fail" },
          Done: { Type: "Succeed" },
        },
      }),
    });
  };
}

const structurePolicies = (report: Report): string[] => report.structurePasses.map((p) => `${p.policy} ${p.name}`).sort();

describe("structure renderings (decided where only IDs are unknown)", function () {
  this.timeout(120_000);

  it("renders a probe document: leaves holding the probe's unknown become the engine's unknown; keys holding it reject it", () => {
    assert.equal(renderStructure(JSON.stringify({ a: { b: `${PROBE_TOKEN}:live`, c: 1 } })), JSON.stringify({ a: { b: UNKNOWN_SENTINEL, c: 1 } }));
    assert.equal(renderStructure(JSON.stringify({ [PROBE_TOKEN]: 1 })), undefined);
    assert.equal(renderStructure(JSON.stringify({ a: 1 })), undefined, "no unknown inside: not a rendering");
    assert.equal(renderStructure(`"${PROBE_TOKEN}"`), undefined, "a bare string is not a document");
    assert.equal(renderStructure(`${PROBE_TOKEN}-x`), undefined);
  });

  it("Step Functions: a definition over a new Lambda's ARN is decided offline, marked, in both directions", async () => {
    const bare = await analyzeInlineDetailed(stateMachine(false), { structure: true });
    const retry = violationsOf(bare.report, "sfn-retry-jitter");
    assert.deepEqual(retry.map((v) => [v.name, v.kind, v.decidedFromStructure]), [["flow", "violation", true]]);
    assert.match(retry[0].message, /Task state Charge: no Retry; no Catch/);
    assert.deepEqual(violationsOf(bare.report, "sfn-lambda-retry").map((v) => [v.name, v.decidedFromStructure]), [["flow", true]]);
    assert.deepEqual(violationsOf(bare.report, "sfn-task-timeouts").map((v) => [v.name, v.decidedFromStructure]), [["flow", true]]);
    assert.deepEqual(structurePolicies(bare.report), []);
    assert.deepEqual(notEvaluatedOf(bare.report, "sfn-retry-jitter"), []);
    // A leaf the rule needs stays unknown: whether the task (its Resource an unknown ARN) needs a heartbeat.
    assert.match(notEvaluatedOf(bare.report, "sfn-task-timeouts")[0]?.message ?? "", /the Resource of Charge is unknown/);
    assert.match(renderText(bare.result), /sfn-retry-jitter {2}\(aws:sfn:StateMachine: flow\)\n\s+\[decided from structure\] Task state Charge: no Retry/);
    const sarif = renderSarif(bare.result).runs[0].results ?? [];
    assert.ok(sarif.some((r) => r.ruleId?.endsWith("/sfn-retry-jitter") && r.properties?.decidedFromStructure === true && r.kind !== "pass"));

    const resilient = await analyzeInlineDetailed(stateMachine(true), { structure: true });
    assert.deepEqual(resilient.report.violations.filter((v) => ["sfn-lambda-retry", "sfn-retry-jitter"].includes(v.policy)), []);
    assert.deepEqual(structurePolicies(resilient.report), ["sfn-lambda-retry flow", "sfn-retry-jitter flow"]);
    assert.match(renderText(resilient.result), /Passed on the document's structure[^\n]*:\n {4}- sfn-lambda-retry {2}\(aws:sfn:StateMachine: flow\)/);
    const passes = (renderSarif(resilient.result).runs[0].results ?? []).filter((r) => r.kind === "pass");
    assert.deepEqual(passes.map((r) => [r.ruleId?.split("/")[1], r.properties?.decidedFromStructure]).sort(), [["sfn-lambda-retry", true], ["sfn-retry-jitter", true]]);
  });

  it("the engine-shaped path (what `pulumi preview` sends) still says could not evaluate", async () => {
    const { report, stack } = await analyzeInlineDetailed(stateMachine(false));
    assert.equal(stack.structureRenderings, undefined);
    for (const policy of ["sfn-retry-jitter", "sfn-lambda-retry", "sfn-task-timeouts"]) {
      assert.equal(notEvaluatedOf(report, policy).length, 1, policy);
      assert.deepEqual(violationsOf(report, policy), [], policy);
    }
    assert.deepEqual(report.structurePasses, []);
  });

  it("a definition whose shape depends on an unknown value stays undecided", async () => {
    const { report, stack } = await analyzeInlineDetailed(() => {
      const charge = lambda("charge");
      const role = new aws.iam.Role("sfn-role", { assumeRolePolicy: "{}" });
      new aws.sfn.StateMachine("flow", {
        roleArn: role.arn,
        definition: charge.arn.apply((arn) =>
          JSON.stringify({
            StartAt: "Charge",
            States: arn.startsWith("arn:aws:lambda:eu-")
              ? { Charge: { Type: "Task", Resource: arn, TimeoutSeconds: 30, Retry: RETRY, Catch: CATCH, End: true }, Failed: { Type: "Fail" } }
              : { Charge: { Type: "Task", Resource: arn, End: true } },
          }),
        ),
      });
    }, { structure: true });
    assert.deepEqual(stack.structureRenderings, {});
    for (const policy of ["sfn-retry-jitter", "sfn-lambda-retry", "sfn-task-timeouts"]) assert.equal(notEvaluatedOf(report, policy).length, 1, policy);
    assert.deepEqual(report.structurePasses, []);
  });

  /** A task definition whose containerDefinitions JSON names a new log group; a service behind a target group. */
  function taskDefinition(declared: boolean): () => void {
    return () => {
      const logs = new aws.cloudwatch.LogGroup("api", { retentionInDays: 30 });
      const td = new aws.ecs.TaskDefinition("api", {
        family: "api",
        requiresCompatibilities: ["FARGATE"],
        networkMode: "awsvpc",
        cpu: "256",
        memory: "512",
        containerDefinitions: pulumi.jsonStringify([
          {
            name: "app",
            image: "nginx",
            essential: true,
            ...(declared
              ? {
                  healthCheck: { command: ["CMD-SHELL", "curl -fs http://localhost/ || exit 1"], interval: 15, retries: 3 },
                  logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": logs.name, "awslogs-region": "us-east-1", "awslogs-stream-prefix": "app" } },
                }
              : { environment: [{ name: "LOG_GROUP", value: logs.arn }] }),
          },
        ]),
      });
      const tg = new aws.lb.TargetGroup("api", { port: 80, protocol: "HTTP", targetType: "ip", vpcId: "vpc-123" });
      new aws.ecs.Service("api", {
        taskDefinition: td.arn,
        desiredCount: 2,
        launchType: "FARGATE",
        loadBalancers: [{ targetGroupArn: tg.arn, containerName: "app", containerPort: 80 }],
        healthCheckGracePeriodSeconds: 60,
      });
    };
  }

  it("ECS: containerDefinitions over a new log group are decided offline (health check, log configuration), marked", async () => {
    const bare = await analyzeInlineDetailed(taskDefinition(false), { structure: true });
    assert.deepEqual(violationsOf(bare.report, "ecs-container-logging").map((v) => [v.name, v.decidedFromStructure]), [["api", true]]);
    const health = violationsOf(bare.report, "ecs-health-checks").filter((v) => /healthCheck/.test(v.message));
    assert.deepEqual(health.map((v) => [v.name, v.decidedFromStructure]), [["api", true]]);
    assert.deepEqual(notEvaluatedOf(bare.report, "ecs-container-logging"), []);

    const declared = await analyzeInlineDetailed(taskDefinition(true), { structure: true });
    assert.deepEqual(violationsOf(declared.report, "ecs-container-logging"), []);
    assert.deepEqual(violationsOf(declared.report, "ecs-health-checks").filter((v) => /healthCheck/.test(v.message)), []);
    assert.ok(structurePolicies(declared.report).includes("ecs-container-logging api"));

    const engine = await analyzeInlineDetailed(taskDefinition(false));
    assert.equal(notEvaluatedOf(engine.report, "ecs-container-logging").length, 1);
    assert.ok(notEvaluatedOf(engine.report, "ecs-health-checks").some((f) => /containerDefinitions/.test(f.message)));
    assert.deepEqual(violationsOf(engine.report, "ecs-container-logging"), []);
  });

  it("a probe never changes anything but the wholly unknown documents a pack accepts", async () => {
    const engine = await analyzeInlineDetailed(taskDefinition(true));
    const offline = await analyzeInlineDetailed(taskDefinition(true), { structure: true });
    assert.deepEqual(Object.keys(offline.stack.structureRenderings ?? {}), ["urn:pulumi:dev::project::aws:ecs/taskDefinition:TaskDefinition::api"]);
    const strip = (r: typeof engine.stack) => r.resources.map((x) => ({ urn: x.urn, inputs: x.wireInputs }));
    assert.deepEqual(strip(offline.stack), strip(engine.stack));
    // Every verdict on a resource without a rendering is the same.
    const others = (r: Report) => r.violations.filter((v) => v.type !== "aws:ecs/taskDefinition:TaskDefinition" && v.type !== "aws:ecs/service:Service").map((v) => [v.policy, v.urn, v.message]);
    assert.deepEqual(others(offline.report), others(engine.report));
  });

  it("the probe runs a program from disk against its own SDK, in a child, like the preview's run", async () => {
    const dir = path.join(__dirname, "..", "fixtures", "preview", "programs", "step-functions");
    const probe = await captureProgram(dir, { stack: "dev", probeUnknowns: true, onOutput: () => undefined });
    const flow = probe.stack.resources.find((r) => r.name === "flow");
    const rendered = renderStructure(flow?.wireInputs.definition);
    assert.deepEqual(JSON.parse(rendered ?? "null"), { StartAt: "Charge", States: { Charge: { Type: "Task", Resource: UNKNOWN_SENTINEL, TimeoutSeconds: 30, End: true } } });
  });

  it("only embedding an unknown keeps a document: any inspection, an async callback or an unknown state graph leaves it undecided", async () => {
    const { report, stack } = await analyzeInlineDetailed(() => {
      const fn = lambda("fn");
      const role = new aws.iam.Role("sfn-role", { assumeRolePolicy: "{}" });
      const machine = (name: string, definition: pulumi.Input<string>) => new aws.sfn.StateMachine(name, { roleArn: role.arn, definition });
      const doc = (states: Record<string, unknown>) => ({ StartAt: "T", States: states });
      const task = { Type: "Task", Resource: fn.arn, TimeoutSeconds: 5, End: true };
      machine("embedded", pulumi.interpolate`{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"${fn.arn}:live","TimeoutSeconds":5,"End":true}}}`);
      machine("length", fn.arn.apply((a) => JSON.stringify(doc(a.length > 10 ? { T: { ...task, Resource: a } } : {}))));
      machine("split", fn.arn.apply((a) => JSON.stringify(doc({ T: { ...task, Resource: a.split(":")[4] } }))));
      machine("numeric", fn.arn.apply((a) => JSON.stringify(doc({ T: { ...task, Resource: a, TimeoutSeconds: Number(a) } }))));
      machine("async", fn.arn.apply(async (a) => JSON.stringify(doc({ T: { ...task, Resource: a } }))));
      machine("hidden-type", pulumi.jsonStringify(doc({ T: { ...task, Type: fn.name } })));
    }, { structure: true });
    const rendered = Object.keys(stack.structureRenderings ?? {}).map((urn) => urn.split("::").pop()).sort();
    assert.deepEqual(rendered, ["embedded", "hidden-type"]);
    const undecided = (name: string) => report.notEvaluated.filter((f) => f.name === name && f.policy === "sfn-retry-jitter").length;
    for (const name of ["length", "split", "numeric", "async", "hidden-type"]) assert.equal(undecided(name), 1, name);
    assert.match(report.notEvaluated.find((f) => f.name === "hidden-type" && f.policy === "sfn-retry-jitter")?.message ?? "", /state T is built from values only known after deployment/);
    assert.deepEqual(violationsOf(report, "sfn-retry-jitter").map((v) => [v.name, v.decidedFromStructure]), [["embedded", true]]);
  });
});

import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { MissingInvokeAnswerError } from "../../preview/src/capture/invokes";
import { captureInline } from "../../preview/src/capture/inline";
import { ProgramError } from "../../preview/src/capture/run";
import { opaqueComponents } from "../../preview/src/capture/stack";
import { type CapturedResource, type CapturedStack } from "../../preview/src/capture/types";
import { isUnknownMarker } from "../../preview/src/capture/values";

class Outer extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("faultguard:test:Outer", name, {}, opts);
    const inner = new Inner(`${name}-inner`, { parent: this });
    new aws.sqs.Queue(`${name}-queue`, { visibilityTimeoutSeconds: 30 }, { parent: inner });
    this.registerOutputs({ innerUrn: inner.urn });
  }
}

class Inner extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("faultguard:test:Inner", name, {}, opts);
    this.registerOutputs({});
  }
}

function byName(stack: CapturedStack, name: string): CapturedResource {
  const found = stack.resources.find((r) => r.name === name);
  assert.ok(found, `no resource named ${name}; have ${stack.resources.map((r) => r.name).join(", ")}`);
  return found;
}

describe("preview capture (captureInline)", () => {
  it("builds the engine's URNs: root stack first, nested components chain their types, the stack never does", async () => {
    const stack = await captureInline(() => new Outer("app"), { project: "shop", stack: "prod" });
    assert.deepEqual(
      stack.resources.map((r) => r.urn),
      [
        "urn:pulumi:prod::shop::pulumi:pulumi:Stack::shop-prod",
        "urn:pulumi:prod::shop::faultguard:test:Outer::app",
        "urn:pulumi:prod::shop::faultguard:test:Outer$faultguard:test:Inner::app-inner",
        "urn:pulumi:prod::shop::faultguard:test:Outer$faultguard:test:Inner$aws:sqs/queue:Queue::app-queue",
      ],
    );
    assert.equal(stack.stackUrn, stack.resources[0].urn);
    assert.equal(byName(stack, "app").parent, stack.stackUrn);
    assert.equal(byName(stack, "app-queue").parent, byName(stack, "app-inner").urn);
    assert.equal(byName(stack, "app-queue").custom, true);
    assert.equal(byName(stack, "app").custom, false);
  });

  it("keeps cloud-computed values unknown and records the property dependencies they came from", async () => {
    const stack = await captureInline(() => {
      const dlq = new aws.sqs.Queue("dlq", { messageRetentionSeconds: 1209600 });
      new aws.sqs.Queue("main", {
        redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 }),
        delaySeconds: 0,
      });
    });
    const dlq = byName(stack, "dlq");
    const main = byName(stack, "main");
    assert.equal(main.inputs.delaySeconds, 0);
    assert.ok(isUnknownMarker(main.inputs.redrivePolicy), "redrivePolicy depends on an unknown ARN");
    assert.equal(main.wireInputs.redrivePolicy, "04da6b54-80e4-46f7-96ec-b56ff0331ba9");
    assert.deepEqual(main.propertyDependencies.redrivePolicy, [dlq.urn]);
    assert.deepEqual(main.propertyDependencies.delaySeconds, []);
    assert.deepEqual(main.dependencies, [dlq.urn]);
    // Plus the defaults the provider's Check fills in (provider-defaults.ts).
    assert.deepEqual(dlq.inputs, { messageRetentionSeconds: 1209600, maxMessageSize: 262144, visibilityTimeoutSeconds: 30 });
  });

  it("records resource options: protect, ignoreChanges, customTimeouts, aliases, deleteBeforeReplace, explicit dependsOn", async () => {
    const stack = await captureInline(() => {
      const first = new aws.sqs.Queue("first", {});
      new aws.sqs.Queue(
        "second",
        {},
        {
          protect: true,
          ignoreChanges: ["tags"],
          customTimeouts: { create: "10m", delete: "1h30m" },
          aliases: [{ name: "old-second" }],
          deleteBeforeReplace: true,
          retainOnDelete: true,
          replaceOnChanges: ["name"],
          additionalSecretOutputs: ["url"],
          dependsOn: [first],
        },
      );
    });
    const second = byName(stack, "second");
    assert.equal(second.options.protect, true);
    assert.deepEqual(second.options.ignoreChanges, ["tags"]);
    assert.deepEqual(second.options.customTimeouts, { create: 600, update: 0, delete: 5400 });
    assert.deepEqual(second.options.aliases, ["urn:pulumi:dev::project::aws:sqs/queue:Queue::old-second"]);
    assert.equal(second.options.deleteBeforeReplace, true);
    assert.equal(second.options.retainOnDelete, true);
    assert.deepEqual(second.options.replaceOnChanges, ["name"]);
    assert.deepEqual(second.options.additionalSecretOutputs, ["url"]);
    assert.deepEqual(second.dependencies, [byName(stack, "first").urn]);
    assert.equal(byName(stack, "first").options.protect, false);
  });

  it("reads per-call config through pulumi.Config and isolates calls from each other", async () => {
    const seen: Array<string | undefined> = [];
    const program = (): void => {
      seen.push(new pulumi.Config("shop").get("tier"));
      new aws.sqs.Queue(`q-${new pulumi.Config("shop").require("tier")}`, {});
    };
    const a = await captureInline(program, { project: "shop", config: { tier: "gold" } });
    const b = await captureInline(program, { project: "shop", config: { "shop:tier": "silver" } });
    assert.deepEqual(seen, ["gold", "silver"]);
    assert.deepEqual(a.resources.map((r) => r.name), ["shop-dev", "q-gold"]);
    assert.deepEqual(b.resources.map((r) => r.name), ["shop-dev", "q-silver"]);
  });

  it("answers common AWS provider functions for the configured region", async () => {
    const stack = await captureInline(
      async () => {
        const azs = await aws.getAvailabilityZones({ state: "available" });
        const identity = await aws.getCallerIdentity();
        const vpc = aws.ec2.getVpcOutput({ default: true });
        new aws.ec2.Subnet("s", { vpcId: vpc.id, cidrBlock: "172.31.96.0/20", availabilityZone: azs.names[2], tags: { account: identity.accountId } });
      },
      { config: { "aws:region": "eu-west-1" } },
    );
    const subnet = byName(stack, "s");
    assert.equal(subnet.inputs.availabilityZone, "eu-west-1c");
    assert.equal(subnet.inputs.vpcId, "vpc-0defa170000000001");
    assert.deepEqual(subnet.inputs.tags, { account: "123456789012" });
    assert.deepEqual(
      stack.invokes.map((i) => i.token),
      ["aws:index/getAvailabilityZones:getAvailabilityZones", "aws:index/getCallerIdentity:getCallerIdentity", "aws:ec2/getVpc:getVpc"],
    );
  });

  it("stops on a provider function without an answer, awaited or used as an Output, naming the token", async () => {
    const awaited = captureInline(async () => {
      await aws.ec2.getSecurityGroup({ name: "web" });
    });
    await assert.rejects(awaited, (err: Error) => err instanceof MissingInvokeAnswerError && /aws:ec2\/getSecurityGroup:getSecurityGroup/.test(err.message) && /--fixtures/.test(err.message));
    const asOutput = captureInline(() => {
      const sg = aws.ec2.getSecurityGroupOutput({ name: "web" });
      new aws.sqs.Queue("q", { name: sg.name });
    });
    await assert.rejects(asOutput, (err: Error) => err instanceof MissingInvokeAnswerError && /getSecurityGroup/.test(err.message));
  });

  it("uses fixtures for invokes and for the outputs of remote components, and lists those as opaque", async () => {
    const stack = await captureInline(
      () => {
        const sg = aws.ec2.getSecurityGroupOutput({ name: "web" });
        new aws.sqs.Queue("q", { name: sg.name });
        new pulumi.ComponentResource("awsx:ec2:Vpc", "vpc", {}, {}, true);
      },
      { fixtures: { invokes: { "aws:ec2/getSecurityGroup:getSecurityGroup": { id: "sg-1", name: "web-sg" } }, resources: { "awsx:ec2:Vpc": { vpcId: "vpc-9" } } } },
    );
    assert.equal(byName(stack, "q").inputs.name, "web-sg");
    assert.equal(byName(stack, "vpc").remote, true);
    assert.deepEqual(byName(stack, "vpc").wireOutputs, { vpcId: "vpc-9" });
    assert.deepEqual(opaqueComponents(stack).map((r) => r.urn), ["urn:pulumi:dev::project::awsx:ec2:Vpc::vpc"]);
  });

  it("treats an awsx v3 component as one opaque remote resource whose outputs come from fixtures", async () => {
    const program = (): void => {
      const vpc = new awsx.ec2.Vpc("net", { numberOfAvailabilityZones: 3 });
      new aws.lb.LoadBalancer("lb", { subnets: vpc.privateSubnetIds, internal: true });
    };
    const bare = await captureInline(program);
    assert.deepEqual(opaqueComponents(bare).map((r) => r.urn), ["urn:pulumi:dev::project::awsx:ec2:Vpc::net"]);
    assert.ok(isUnknownMarker(byName(bare, "lb").inputs.subnets), "without fixtures the VPC's outputs are unknown");
    assert.deepEqual(byName(bare, "lb").propertyDependencies.subnets, [byName(bare, "net").urn]);
    const fixed = await captureInline(program, { fixtures: { resources: { "awsx:ec2:Vpc": { privateSubnetIds: ["subnet-a", "subnet-b"] } } } });
    assert.deepEqual(byName(fixed, "lb").inputs.subnets, ["subnet-a", "subnet-b"]);
  });

  it("reports a program exception as a ProgramError carrying the original stack", async () => {
    await assert.rejects(
      captureInline(() => {
        throw new Error("bad sizing");
      }),
      (err: Error) => err instanceof ProgramError && err.message === "bad sizing" && /capture\.test\.ts/.test(err.stack ?? ""),
    );
    // The SDK is usable again afterwards.
    const stack = await captureInline(() => new aws.sqs.Queue("after", {}));
    assert.equal(stack.resources.length, 2);
  });
});

describe("preview capture: transforms, applied as the engine applies them", () => {
  class Pair extends pulumi.ComponentResource {
    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
      super("faultguard:test:Pair", name, {}, opts);
      new aws.sqs.Queue(`${name}-a`, { delaySeconds: 1 }, { parent: this });
      new aws.sqs.Queue(`${name}-b`, { delaySeconds: 2 }, { parent: this, transforms: [(args) => ({ props: { ...args.props, delaySeconds: 20 }, opts: args.opts })] });
      this.registerOutputs({});
    }
  }

  it("runs a resource's own transforms, then its ancestors', then the stack's, on props and options", async () => {
    const stack = await captureInline(() => {
      pulumi.runtime.registerResourceTransform((args) =>
        args.type === "aws:sqs/queue:Queue" ? { props: { ...args.props, tags: { stack: "yes" } }, opts: { ...args.opts, protect: true } } : undefined,
      );
      new Pair("p", {
        transforms: [(args) => (args.type === "aws:sqs/queue:Queue" ? { props: { ...args.props, delaySeconds: (args.props.delaySeconds as number) + 100 }, opts: args.opts } : undefined)],
      });
    });
    const a = byName(stack, "p-a");
    const b = byName(stack, "p-b");
    // Transforms run before the provider's Check, which then fills its defaults (provider-defaults.ts).
    const checked = { maxMessageSize: 262144, messageRetentionSeconds: 345600, visibilityTimeoutSeconds: 30 };
    assert.deepEqual(a.inputs, { delaySeconds: 101, tags: { stack: "yes" }, ...checked });
    assert.deepEqual(b.inputs, { delaySeconds: 120, tags: { stack: "yes" }, ...checked }, "own transform first, then the parent's");
    assert.equal(a.options.protect, true);
    assert.equal(byName(stack, "p").options.protect, false, "the stack transform only changed queues");
  });
});

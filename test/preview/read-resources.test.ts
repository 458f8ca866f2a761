// Read resources (`Resource.get`, ReadResource) are not analyzed, as under the engine (issue 14
// item 3): awsx classic reads the Auto Scaling group its CloudFormation stack creates, and that
// group was judged by asg-multi-az on its empty inputs.
import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyzeInlineDetailed } from "../support/analyze";

describe("preview: read resources (Resource.get)", () => {
  it("are captured but sent to no policy, by literal or computed ID; registered resources still are", async () => {
    const { report, stack } = await analyzeInlineDetailed(() => {
      const cfn = new aws.cloudformation.Stack("asg-stack", { templateBody: "{}" });
      aws.autoscaling.Group.get("read-literal", "my-asg");
      aws.autoscaling.Group.get("read-computed", cfn.outputs.apply((o) => String(o["AsgName"])));
      new aws.autoscaling.Group("registered", { minSize: 1, maxSize: 1, availabilityZones: ["us-east-1a"] });
    });
    const reads = stack.resources.filter((r) => r.operation === "read").map((r) => r.name).sort();
    assert.deepEqual(reads, ["read-computed", "read-literal"]);
    const judged = [...report.violations, ...report.notEvaluated].filter((f) => f.policy === "asg-multi-az");
    assert.deepEqual([...new Set(judged.map((f) => f.name))], ["registered"]);
    const all = [...report.violations, ...report.notEvaluated, ...report.exempted];
    assert.deepEqual(all.filter((f) => f.name.startsWith("read-")).map((f) => `${f.policy} on ${f.name}`), []);
  });
});

import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyze, messages, outcomes, subnetsIn } from "./fixtures";

const RULE = "clb-multi-az-cross-zone";
const listeners = [{ instancePort: 80, instanceProtocol: "http", lbPort: 80, lbProtocol: "http" }];

describe(`${RULE} (through the analyzer)`, () => {
    it("passes 2 zones with the cross-zone default, flags one zone and cross-zone off, one advisory for an unknown setting", async () => {
        const report = await analyze(() => {
            const { subnets: [a, b] } = subnetsIn("net", ["us-east-1a", "us-east-1b"]);
            new aws.elb.LoadBalancer("ok", { listeners, subnets: [a.id, b.id] });
            new aws.elb.LoadBalancer("ok-zones", { listeners, availabilityZones: ["us-east-1a", "us-east-1b"], crossZoneLoadBalancing: true });
            new aws.elb.LoadBalancer("one-zone", { listeners, availabilityZones: ["us-east-1a"] });
            new aws.elb.LoadBalancer("no-cross-zone", { listeners, subnets: [a.id, b.id], crossZoneLoadBalancing: false });
            new aws.elb.LoadBalancer("unknown", { listeners, subnets: [a.id, b.id], crossZoneLoadBalancing: a.id.apply(() => true) });
        });
        assert.deepEqual(outcomes(report, RULE), ["not-evaluated advisory unknown", "violation mandatory no-cross-zone", "violation mandatory one-zone"]);
        assert.match(messages(report, RULE, "one-zone")[0], /spans 1 availability zone\(s\); set subnets \(or availabilityZones\) in at least 2/);
        assert.match(messages(report, RULE, "no-cross-zone")[0], /crossZoneLoadBalancing is false; set crossZoneLoadBalancing: true/);
    });
});

import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyzeInline, violationsOf } from "../../../support/analyze";

const RULE = "cloudfront-origin-failover";

function distribution(name: string, args: Partial<aws.cloudfront.DistributionArgs>): aws.cloudfront.Distribution {
    return new aws.cloudfront.Distribution(name, {
        enabled: true,
        origins: [],
        defaultCacheBehavior: { targetOriginId: "primary", viewerProtocolPolicy: "redirect-to-https", allowedMethods: ["GET", "HEAD"], cachedMethods: ["GET", "HEAD"], cachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6" },
        restrictions: { geoRestriction: { restrictionType: "none" } },
        viewerCertificate: { cloudfrontDefaultCertificate: true },
        ...args,
    });
}

describe(`${RULE} (analyzer)`, () => {
    it("passes a distribution whose default behavior targets a two-member origin group (bucket domains unknown)", async () => {
        const report = await analyzeInline(() => {
            const a = new aws.s3.Bucket("primary", {});
            const b = new aws.s3.Bucket("secondary", { region: "us-east-1" });
            distribution("site", {
                origins: [
                    { originId: "primary", domainName: a.bucketRegionalDomainName },
                    { originId: "secondary", domainName: b.bucketRegionalDomainName },
                ],
                originGroups: [{ originId: "group", failoverCriteria: { statusCodes: [500, 502, 503, 504] }, members: [{ originId: "primary" }, { originId: "secondary" }] }],
                defaultCacheBehavior: { targetOriginId: "group", viewerProtocolPolicy: "redirect-to-https", allowedMethods: ["GET", "HEAD"], cachedMethods: ["GET", "HEAD"] },
            });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
    });

    it("flags a single-origin distribution and one whose origin group the default behavior bypasses (advisory)", async () => {
        const report = await analyzeInline(() => {
            distribution("single", { origins: [{ originId: "primary", domainName: "app.example.com", customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] } }] });
            distribution("bypass", {
                origins: [
                    { originId: "primary", domainName: "eu.example.com" },
                    { originId: "secondary", domainName: "us.example.com" },
                ],
                originGroups: [{ originId: "group", failoverCriteria: { statusCodes: [503] }, members: [{ originId: "primary" }, { originId: "secondary" }] }],
            });
        });
        const v = violationsOf(report, RULE).sort((a, b) => a.name.localeCompare(b.name));
        assert.deepEqual(v.map((x) => [x.name, x.enforcementLevel]), [["bypass", "advisory"], ["single", "advisory"]]);
        assert.match(v[0].message, /targetOriginId is "primary", a single origin.*"group"/);
        assert.match(v[1].message, /cannot fail over \(1 origin, no origin group\)/);
    });

    it("skips disabled and staging distributions, and is disabled in development", async () => {
        const skipped = await analyzeInline(() => {
            distribution("off", { enabled: false, origins: [{ originId: "primary", domainName: "a.example.com" }] });
            distribution("staging", { staging: true, origins: [{ originId: "primary", domainName: "a.example.com" }] });
        });
        assert.deepEqual(violationsOf(skipped, RULE), []);
        const dev = await analyzeInline(() => distribution("single", { origins: [{ originId: "primary", domainName: "a.example.com" }] }), { stackTags: { "faultguard:profile": "development" } });
        assert.deepEqual(violationsOf(dev, RULE), []);
    });
});

import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { lambda, run } from "./harness";

const RULE = "esm-stream-on-failure";

describe("esm-stream-on-failure", () => {
    it("flags Kinesis and DynamoDB stream mappings without on-failure (source type from the linked resource, ARNs unknown)", async () => {
        const r = await run(RULE, () => {
            const fn = lambda("reader");
            const stream = new aws.kinesis.Stream("events", { shardCount: 1 });
            new aws.lambda.EventSourceMapping("kinesis", { eventSourceArn: stream.arn, functionName: fn.name, startingPosition: "LATEST" });
            const table = new aws.dynamodb.Table("orders", { hashKey: "id", attributes: [{ name: "id", type: "S" }], billingMode: "PAY_PER_REQUEST", streamEnabled: true, streamViewType: "NEW_IMAGE" });
            new aws.lambda.EventSourceMapping("ddb", { eventSourceArn: table.streamArn, functionName: fn.name, startingPosition: "LATEST" });
        });
        assert.deepEqual(r.violations, ["ddb mandatory", "kinesis mandatory"]);
        assert.match(r.messages["kinesis"], /kinesis event source mapping has no on-failure destination; set destinationConfig/);
        assert.match(r.messages["ddb"], /dynamodb-stream/);
    });

    it("flags MSK (by ARN) and self-managed Kafka mappings without on-failure", async () => {
        const r = await run(RULE, () => {
            const fn = lambda("reader");
            new aws.lambda.EventSourceMapping("msk", { eventSourceArn: "arn:aws:kafka:eu-west-1:111122223333:cluster/orders/abc", functionName: fn.name, topics: ["orders"], startingPosition: "LATEST" });
            new aws.lambda.EventSourceMapping("kafka", {
                functionName: fn.name,
                topics: ["orders"],
                startingPosition: "LATEST",
                selfManagedEventSource: { endpoints: { KAFKA_BOOTSTRAP_SERVERS: "kafka1:9092" } },
            });
        });
        assert.deepEqual(r.violations, ["kafka mandatory", "msk mandatory"]);
    });

    it("passes a stream mapping with an on-failure destination, and ignores SQS mappings", async () => {
        const r = await run(RULE, () => {
            const fn = lambda("reader");
            const stream = new aws.kinesis.Stream("events", { shardCount: 1 });
            const failures = new aws.sqs.Queue("failures", {});
            new aws.lambda.EventSourceMapping("kinesis", { eventSourceArn: stream.arn, functionName: fn.name, startingPosition: "LATEST", destinationConfig: { onFailure: { destinationArn: failures.arn } } });
            const jobs = new aws.sqs.Queue("jobs", {});
            new aws.lambda.EventSourceMapping("sqs", { eventSourceArn: jobs.arn, functionName: fn.name });
        });
        assert.deepEqual(r.violations, []);
        assert.deepEqual(r.notEvaluated, []);
    });

    it("types an untraceable source by the mapping's shape: startingPosition means a stream; nothing to go on means not evaluated", async () => {
        const r = await run(RULE, () => {
            const fn = lambda("reader");
            // An unknown whose origin the engine does not record (e.g. an ARN read from another stack at deploy time).
            const untraceable = pulumi.unknown as unknown as pulumi.Input<string>;
            new aws.lambda.EventSourceMapping("shaped", { eventSourceArn: untraceable, functionName: fn.name, startingPosition: "TRIM_HORIZON" });
            new aws.lambda.EventSourceMapping("mystery", { eventSourceArn: untraceable, functionName: fn.name, startingPosition: untraceable });
        });
        assert.deepEqual(r.violations, ["shaped mandatory"]);
        assert.match(r.messages["shaped"], /stream or Kafka event source mapping has no on-failure destination/);
        assert.deepEqual(r.notEvaluated, ["mystery"]);
        assert.match(r.messages["mystery"], /could not evaluate: eventSourceArn/);
    });
});

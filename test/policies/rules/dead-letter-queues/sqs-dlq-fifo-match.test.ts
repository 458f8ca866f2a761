import * as assert from "node:assert/strict";
import { queueWithDlq, run } from "./harness";

const RULE = "sqs-dlq-fifo-match";

describe("sqs-dlq-fifo-match", () => {
    it("passes FIFO → FIFO and standard → standard (links through propertyDependencies)", async () => {
        const r = await run(RULE, () => {
            queueWithDlq("orders", { fifoQueue: true }, { fifoQueue: true });
            queueWithDlq("events");
        });
        assert.deepEqual(r.violations, []);
        assert.deepEqual(r.notEvaluated, []);
    });

    it("flags a FIFO queue whose DLQ is standard, and the reverse", async () => {
        const r = await run(RULE, () => {
            queueWithDlq("orders", { fifoQueue: true });
            queueWithDlq("events", {}, { fifoQueue: true });
        });
        assert.deepEqual(r.violations, ["events mandatory", "orders mandatory"]);
        assert.match(r.messages["orders"], /FIFO queue's dead-letter queue orders-dlq is a standard queue; set fifoQueue: true on orders-dlq/);
    });

    it("recognises FIFO by a .fifo name", async () => {
        const r = await run(RULE, () => queueWithDlq("orders", { name: "orders.fifo", fifoQueue: true }, { name: "orders-dlq" }));
        assert.deepEqual(r.violations, ["orders mandatory"]);
    });
});

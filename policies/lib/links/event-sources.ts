// Every SQS queue of a stack with its consumers, as one index (used where a rule walks queues and
// needs their event source mappings). Consumers and source kinds are decided in ./esm-kind, on top
// of the messaging links.
import { aws } from "../aws-types";
import { type GraphResource, perGraph } from "../graph";
import { consumersOfQueue, type QueueConsumer } from "./esm-kind";

export type { QueueConsumer } from "./esm-kind";

/** Queues that have consumers, with those consumers (event source mappings, pipes); built once per graph. */
export const queueConsumers = perGraph((graph): Map<GraphResource, QueueConsumer[]> => {
    const index: Map<GraphResource, QueueConsumer[]> = new Map();
    for (const queue of graph.ofType(aws.sqs.Queue)) {
        const consumers = consumersOfQueue(graph, queue);
        if (consumers.length > 0) {
            index.set(queue, consumers);
        }
    }
    return index;
});

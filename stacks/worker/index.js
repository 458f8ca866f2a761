// Background job handler for the example stack's QueueWorker (SQS → Lambda).
// It reports failed messages one by one (ReportBatchItemFailures), so one bad message is retried
// alone and, after maxReceiveCount attempts, lands in the dead-letter queue — instead of failing
// and redelivering the whole batch. Jobs must be idempotent: SQS delivers at least once.

/** Processes one job. Replace with the application's work; throw to fail (and retry) the message. */
async function processJob(job) {
    if (typeof job !== "object" || job === null || typeof job.id !== "string") {
        throw new Error("job must be a JSON object with a string id");
    }
    console.log(JSON.stringify({ level: "INFO", message: "processed job", jobId: job.id }));
}

exports.handler = async (event) => {
    const batchItemFailures = [];
    for (const record of event.Records) {
        try {
            await processJob(JSON.parse(record.body));
        } catch (error) {
            console.log(JSON.stringify({ level: "ERROR", message: "job failed", messageId: record.messageId, error: String(error) }));
            batchItemFailures.push({ itemIdentifier: record.messageId });
        }
    }
    return { batchItemFailures };
};

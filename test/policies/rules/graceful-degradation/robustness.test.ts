import { gracefulDegradationRules } from "../../../../policies/rules/graceful-degradation";
import { assertNeverCrashes } from "../../../support/odd-shapes";

describe("graceful-degradation rules on odd shapes (property-based)", () => {
    it("never throw anything but UnresolvableError", () => {
        assertNeverCrashes(
            gracefulDegradationRules,
            [],
            ["enabled", "staging", "origins", "originGroups", "originId", "members", "defaultCacheBehavior", "targetOriginId"],
            ["group", "primary"],
        );
    });
});

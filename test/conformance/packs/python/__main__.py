# A Python CrossGuard pack: faultguard preview says plainly that it runs only Node.js packs.
from pulumi_policy import EnforcementLevel, PolicyPack, ResourceValidationPolicy

PolicyPack(
    name="conformance-python",
    enforcement_level=EnforcementLevel.ADVISORY,
    policies=[ResourceValidationPolicy(name="noop", description="Never fails.", validate=lambda args, report: None)],
)

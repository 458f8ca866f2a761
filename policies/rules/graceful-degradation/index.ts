// The graceful-degradation rules. Each rule lives in its own file in this folder; list it here.
import { type Rule } from "../../lib/rule";
import { cloudfrontOriginFailover } from "./cloudfront-origin-failover";

export const gracefulDegradationRules: Rule[] = [cloudfrontOriginFailover];

// The timeouts rules. Each rule lives in its own file in this folder; list it here.
import { type Rule } from "../../lib/rule";
import { lambdaTimeout } from "./lambda-timeout";

export const timeoutsRules: Rule[] = [lambdaTimeout];

// The redundancy rules. Each rule lives in its own file in this folder; list it here.
import { type Rule } from "../../lib/rule";
import { asgMultiAz } from "./asg-multi-az";

export const redundancyRules: Rule[] = [asgMultiAz];

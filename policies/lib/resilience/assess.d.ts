import { type StackGraph } from "../graph";
import { type Profile } from "../rule";
import { type Assessment } from "./model";
import { type ResiliencyPolicy } from "./policy";
export interface AssessOptions {
    profile: Profile;
    policy: ResiliencyPolicy;
}
export declare function assess(graph: StackGraph, options: AssessOptions): Assessment;

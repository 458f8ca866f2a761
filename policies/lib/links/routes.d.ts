import { type GraphResource, type StackGraph } from "../graph";
export interface NatHop {
    table: GraphResource;
    /** NAT gateways of this stack the default route targets. */
    nats: GraphResource[];
    /** NAT gateway IDs not managed in this stack. */
    external: string[];
    /** The default route's target cannot be traced. */
    unresolved: boolean;
}
/** The route tables that govern `subnet`: its explicit associations, else its VPC's main table. */
export declare function routeTablesOf(graph: StackGraph, subnet: GraphResource): GraphResource[];
/** The NAT gateways the default route (0.0.0.0/0) of each of `subnet`'s route tables targets. */
export declare function defaultRouteNats(graph: StackGraph, subnet: GraphResource): NatHop[];

// Which NAT gateways a subnet's default route leads to, resolved through the graph.
//
// subnet ─(RouteTableAssociation.subnetId/routeTableId)→ route table ─(inline `routes` or
// aws.ec2.Route.routeTableId, destination 0.0.0.0/0)→ NAT gateway ─(subnetId)→ NAT's subnet.
// Subnets without an explicit association use their VPC's main route table
// (MainRouteTableAssociation, or the DefaultRouteTable that adopts it). Indexed once per graph.
import { aws } from "../aws-types";
import { appendTo, perGraph, type GraphResource, type StackGraph } from "../graph";
import { asString, isRecord } from "../values";
import { subnetsAt } from "./zones";

const DEFAULT_ROUTE = "0.0.0.0/0";
const TABLES = [aws.ec2.RouteTable, aws.ec2.DefaultRouteTable];

export interface NatHop {
    table: GraphResource;
    /** NAT gateways of this stack the default route targets. */
    nats: GraphResource[];
    /** NAT gateway IDs not managed in this stack. */
    external: string[];
    /** The default route's target cannot be traced. */
    unresolved: boolean;
}

interface Index {
    tablesBySubnet: Map<GraphResource, GraphResource[]>;
    mainTablesByVpc: Map<GraphResource, GraphResource[]>;
    routesByTable: Map<GraphResource, GraphResource[]>;
}

const index = perGraph((graph): Index => {
    const idx: Index = { tablesBySubnet: new Map(), mainTablesByVpc: new Map(), routesByTable: new Map() };
    for (const assoc of graph.ofType(aws.ec2.RouteTableAssociation)) {
        const tables = graph.resolve(assoc, "routeTableId", TABLES).targets;
        for (const subnet of subnetsAt(graph, assoc, "subnetId")) {
            tables.forEach((t) => appendTo(idx.tablesBySubnet, subnet, t));
        }
    }
    for (const main of graph.ofType(aws.ec2.MainRouteTableAssociation)) {
        const tables = graph.resolve(main, "routeTableId", TABLES).targets;
        for (const vpc of graph.resolve(main, "vpcId", [aws.ec2.Vpc]).targets) {
            tables.forEach((t) => appendTo(idx.mainTablesByVpc, vpc, t));
        }
    }
    for (const table of graph.ofType(aws.ec2.DefaultRouteTable)) {
        for (const vpc of graph.resolve(table, "defaultRouteTableId", [aws.ec2.Vpc]).targets) {
            appendTo(idx.mainTablesByVpc, vpc, table);
        }
    }
    for (const route of graph.ofType(aws.ec2.Route)) {
        for (const table of graph.resolve(route, "routeTableId", TABLES).targets) {
            appendTo(idx.routesByTable, table, route);
        }
    }
    return idx;
});

/** The route tables that govern `subnet`: its explicit associations, else its VPC's main table. */
export function routeTablesOf(graph: StackGraph, subnet: GraphResource): GraphResource[] {
    const idx = index(graph);
    const explicit = idx.tablesBySubnet.get(subnet);
    if (explicit) {
        return explicit;
    }
    return graph.resolve(subnet, "vpcId", [aws.ec2.Vpc]).targets.flatMap((vpc) => idx.mainTablesByVpc.get(vpc) ?? []);
}

/** The NAT gateways the default route (0.0.0.0/0) of each of `subnet`'s route tables targets. */
export function defaultRouteNats(graph: StackGraph, subnet: GraphResource): NatHop[] {
    const hops: NatHop[] = [];
    for (const table of routeTablesOf(graph, subnet)) {
        const hop: NatHop = { table, nats: [], external: [], unresolved: false };
        const add = (from: GraphResource, path: string) => {
            const res = graph.resolve(from, path, [aws.ec2.NatGateway]);
            res.targets.forEach((n) => hop.nats.includes(n) || hop.nats.push(n));
            hop.external.push(...res.external);
            hop.unresolved ||= res.unresolved;
        };
        const inline = table.read("routes");
        if (inline.known && Array.isArray(inline.value)) {
            inline.value.forEach((route, i) => {
                if (isRecord(route) && asString(route["cidrBlock"]) === DEFAULT_ROUTE && route["natGatewayId"] !== undefined && route["natGatewayId"] !== "") {
                    add(table, `routes.${i}.natGatewayId`);
                }
            });
        }
        for (const route of index(graph).routesByTable.get(table) ?? []) {
            const nat = route.read("natGatewayId");
            if (asString(route.props["destinationCidrBlock"]) === DEFAULT_ROUTE && (!nat.known || (nat.value !== undefined && nat.value !== ""))) {
                add(route, "natGatewayId");
            }
        }
        if (hop.nats.length > 0 || hop.external.length > 0 || hop.unresolved) {
            hops.push(hop);
        }
    }
    return hops;
}

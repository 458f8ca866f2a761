import { Netmask, ip2long, long2ip } from "netmask";

export interface SubnetLayout {
    readonly privateCidrs: string[];
    readonly publicCidrs: string[];
}

/**
 * Carves one private and one public subnet per AZ out of the VPC block: larger blocks first, each
 * on its own aligned boundary (netmask floors a base address to the prefix; `next()` steps one
 * block). Returns undefined when the blocks do not fit in the VPC.
 */
export function layoutSubnets(vpcCidr: string, azCount: number, privatePrefix: number, publicPrefix: number): SubnetLayout | undefined {
    const vpc = new Netmask(vpcCidr);
    let cursor = vpc.netLong;
    const allocate = (prefix: number): Netmask | undefined => {
        if (cursor > ip2long(vpc.broadcast ?? vpc.last)) return undefined;
        let block = new Netmask(long2ip(cursor), prefix);
        if (block.netLong < cursor) block = block.next();
        if (!vpc.contains(block)) return undefined;
        cursor = block.netLong + block.size;
        return block;
    };
    const tiers: { tier: "private" | "public"; prefix: number }[] = [
        { tier: "private" as const, prefix: privatePrefix },
        { tier: "public" as const, prefix: publicPrefix },
    ].sort((a, b) => a.prefix - b.prefix);
    const result: SubnetLayout = { privateCidrs: [], publicCidrs: [] };
    for (const { tier, prefix } of tiers) {
        for (let i = 0; i < azCount; i++) {
            const block = allocate(prefix);
            if (block === undefined) return undefined;
            (tier === "private" ? result.privateCidrs : result.publicCidrs).push(block.toString());
        }
    }
    return result;
}

/** The prefix length of a valid CIDR block, or undefined when netmask cannot parse it. */
export function prefixOf(cidr: string): number | undefined {
    try {
        if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(cidr)) return undefined;
        const block = new Netmask(cidr);
        return block.toString() === cidr ? block.bitmask : undefined;
    } catch {
        return undefined;
    }
}

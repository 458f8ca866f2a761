// URNs exactly as the Pulumi engine builds them (pkg/resource/urn.go NewURN):
//   urn:pulumi:<stack>::<project>::<qualified type>::<name>
// where the qualified type is the parent's qualified type + "$" + the type, except that the root
// stack (pulumi:pulumi:Stack) never appears in a child's qualified type.

export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

export function qualifiedTypeOf(urn: string): string {
  // urn:pulumi:<stack>::<project>::<qualified type>::<name>; a name may itself contain "::".
  const parts = urn.split("::");
  if (parts.length < 4 || !parts[0].startsWith("urn:pulumi:")) throw new Error(`malformed URN "${urn}"`);
  return parts[2];
}

export function typeOfUrn(urn: string): string {
  return qualifiedTypeOf(urn).split("$").pop() as string;
}

export function nameOfUrn(urn: string): string {
  return urn.split("::").slice(3).join("::");
}

export function makeUrn(stack: string, project: string, parentUrn: string | undefined, type: string, name: string): string {
  let qualified = type;
  if (parentUrn) {
    const parentQualified = qualifiedTypeOf(parentUrn);
    if (parentQualified !== ROOT_STACK_TYPE) qualified = `${parentQualified}$${type}`;
  }
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

export function rootStackUrn(stack: string, project: string): string {
  return makeUrn(stack, project, undefined, ROOT_STACK_TYPE, `${project}-${stack}`);
}

/** An alias spec as the SDK sends it (alias_pb.Alias.Spec), resolved against the resource's own identity. */
export interface AliasSpecFields {
  name: string;
  type: string;
  stack: string;
  project: string;
  parentUrn: string;
  noParent: boolean;
}

export function aliasSpecToUrn(
  spec: AliasSpecFields,
  self: { stack: string; project: string; type: string; name: string; parent?: string },
): string {
  const parent = spec.noParent ? undefined : spec.parentUrn || self.parent;
  return makeUrn(spec.stack || self.stack, spec.project || self.project, parent, spec.type || self.type, spec.name || self.name);
}

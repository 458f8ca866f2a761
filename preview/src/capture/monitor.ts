// A resource monitor for the SDK's mock mode that records every registration whole and answers
// like the engine does in the first preview of a new stack: inputs come back as outputs, IDs and
// everything the cloud computes stay unknown (the SDK, in preview, turns every output the monitor
// does not return into an unknown).
import { fileURLToPath } from "node:url";
import type * as resproto from "@pulumi/pulumi/proto/resource_pb";
import { type ResourceTransform } from "@pulumi/pulumi";
import { answerInvoke, MissingInvokeAnswerError } from "./invokes";
import { applyProviderDefaults } from "./provider-defaults";
import { type PulumiSdk } from "./sdk";
import { type RecordsTransformCallbacks } from "./sdk-compat";
import { type CapturedInvoke, type CapturedOptions, type CapturedResource, type InvokeFixtures } from "./types";
import { aliasSpecToUrn, makeUrn } from "./urn";
import { decodeWireValue, type JsonObject, type JsonValue, parseGoDurationSeconds } from "./values";

type Callback = (err: unknown, response?: unknown) => void;

/** The resource options a transform sees and may change (the ones the engine passes back). */
interface TransformableOptions {
  protect?: boolean;
  ignoreChanges?: string[];
  customTimeouts?: { create?: string; update?: string; delete?: string };
  deleteBeforeReplace?: boolean;
  retainOnDelete?: boolean;
  replaceOnChanges?: string[];
  additionalSecretOutputs?: string[];
}

function secondsToDuration(seconds: number): string | undefined {
  return seconds > 0 ? `${seconds}s` : undefined;
}

function toResourceOptions(o: CapturedOptions): TransformableOptions {
  return {
    protect: o.protect,
    ignoreChanges: o.ignoreChanges,
    customTimeouts: { create: secondsToDuration(o.customTimeouts.create), update: secondsToDuration(o.customTimeouts.update), delete: secondsToDuration(o.customTimeouts.delete) },
    deleteBeforeReplace: o.deleteBeforeReplaceDefined ? o.deleteBeforeReplace : undefined,
    retainOnDelete: o.retainOnDelete,
    replaceOnChanges: o.replaceOnChanges,
    additionalSecretOutputs: o.additionalSecretOutputs,
  };
}

function fromResourceOptions(base: CapturedOptions, o: TransformableOptions): CapturedOptions {
  const timeouts = o.customTimeouts ?? {};
  return {
    ...base,
    protect: o.protect ?? false,
    ignoreChanges: o.ignoreChanges ?? [],
    customTimeouts: {
      create: parseGoDurationSeconds(timeouts.create ?? ""),
      update: parseGoDurationSeconds(timeouts.update ?? ""),
      delete: parseGoDurationSeconds(timeouts.delete ?? ""),
    },
    deleteBeforeReplace: o.deleteBeforeReplace ?? false,
    deleteBeforeReplaceDefined: o.deleteBeforeReplace !== undefined,
    retainOnDelete: o.retainOnDelete,
    replaceOnChanges: o.replaceOnChanges ?? [],
    additionalSecretOutputs: o.additionalSecretOutputs ?? [],
  };
}

export interface RecorderSettings {
  project: string;
  stack: string;
  region: string;
  fixtures: InvokeFixtures;
}

/** What a capture collected; shared by the monitor and the capture driver. */
export class Recorder {
  readonly resources: CapturedResource[] = [];
  readonly byUrn = new Map<string, CapturedResource>();
  readonly invokes: CapturedInvoke[] = [];
  readonly errors: Error[] = [];

  constructor(readonly settings: RecorderSettings) {}

  fixtureOutputs(type: string, urn: string, name: string): JsonObject | undefined {
    const table = this.settings.fixtures.resources ?? {};
    return table[urn] ?? table[name] ?? table[type];
  }

  add(resource: CapturedResource): void {
    if (this.byUrn.has(resource.urn)) {
      // The engine rejects duplicate URNs; so do we, with the same wording.
      throw new Error(`Duplicate resource URN '${resource.urn}'; try giving it a unique name`);
    }
    this.resources.push(resource);
    this.byUrn.set(resource.urn, resource);
  }
}

function structToJs(struct: { toJavaScript(): unknown } | undefined): JsonObject {
  return (struct?.toJavaScript() ?? {}) as JsonObject;
}

function sourceOf(req: resproto.RegisterResourceRequest): CapturedResource["source"] {
  const pos = req.getSourceposition();
  const uri = pos?.getUri();
  if (!pos || !uri || uri.includes("/node_modules/")) return undefined;
  try {
    return { file: uri.startsWith("file:") ? fileURLToPath(uri) : uri, line: pos.getLine() };
  } catch {
    return undefined;
  }
}

function optionsOf(req: resproto.RegisterResourceRequest, self: { stack: string; project: string; type: string; name: string; parent?: string }): CapturedOptions {
  const timeouts = req.getCustomtimeouts();
  const aliases: string[] = [...req.getAliasurnsList()];
  for (const alias of req.getAliasesList()) {
    if (alias.getUrn()) {
      aliases.push(alias.getUrn());
      continue;
    }
    const spec = alias.getSpec();
    if (!spec) continue;
    aliases.push(
      aliasSpecToUrn(
        { name: spec.getName(), type: spec.getType(), stack: spec.getStack(), project: spec.getProject(), parentUrn: spec.getParenturn(), noParent: spec.getNoparent() },
        self,
      ),
    );
  }
  const options: CapturedOptions = {
    protect: req.getProtect() ?? false,
    ignoreChanges: req.getIgnorechangesList(),
    customTimeouts: {
      create: parseGoDurationSeconds(timeouts?.getCreate() ?? ""),
      update: parseGoDurationSeconds(timeouts?.getUpdate() ?? ""),
      delete: parseGoDurationSeconds(timeouts?.getDelete() ?? ""),
    },
    aliases,
    deleteBeforeReplace: req.getDeletebeforereplace(),
    deleteBeforeReplaceDefined: req.getDeletebeforereplacedefined(),
    replaceOnChanges: req.getReplaceonchangesList(),
    additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    hideDiffs: req.getHidediffsList(),
  };
  if (req.hasRetainondelete()) options.retainOnDelete = req.getRetainondelete();
  if (req.getImportid()) options.importId = req.getImportid();
  if (req.getDeletedwith()) options.deletedWith = req.getDeletedwith();
  if (req.getVersion()) options.version = req.getVersion();
  if (req.getPlugindownloadurl()) options.pluginDownloadURL = req.getPlugindownloadurl();
  return options;
}

function emptyOptions(): CapturedOptions {
  return {
    protect: false,
    ignoreChanges: [],
    customTimeouts: { create: 0, update: 0, delete: 0 },
    aliases: [],
    deleteBeforeReplace: false,
    deleteBeforeReplaceDefined: false,
    replaceOnChanges: [],
    additionalSecretOutputs: [],
    hideDiffs: [],
  };
}

/** Builds a monitor class on top of the given SDK copy's MockMonitor (so it matches that copy's protos). */
export function createCapturingMonitor(sdk: PulumiSdk, recorder: Recorder): object {
  const { project, stack, region, fixtures } = recorder.settings;
  const stackTransforms: ResourceTransform[] = [];
  const mocks = {
    call: () => {
      throw new Error("faultguard: invokes are answered by the capturing monitor");
    },
    newResource: () => {
      throw new Error("faultguard: resources are answered by the capturing monitor");
    },
  };
  const transformsByUrn = new Map<string, ResourceTransform[]>();

  class CapturingMonitor extends sdk.MockMonitor implements RecordsTransformCallbacks {
    /** Every transform the SDK registered, by callback token (its own MockMonitor keeps none before 3.2xx; see sdk-compat.ts). */
    private readonly transformsByToken = new Map<string, ResourceTransform>();

    constructor() {
      super(mocks);
    }

    override recordTransformCallback(token: string, transform: unknown): void {
      this.transformsByToken.set(token, transform as ResourceTransform);
    }

    /** pulumi.runtime.registerResourceTransform: a stack-wide transform. */
    override registerStackTransform(req: { getToken(): string }, callback: Callback): void {
      const transform = this.transformsByToken.get(req.getToken());
      if (transform) stackTransforms.push(transform);
      callback(null, {});
    }

    /** Invoke transforms change what a provider function is asked; the built-in answers don't depend on it. */
    override registerStackInvokeTransform(_req: unknown, callback: Callback): void {
      callback(null, {});
    }

    /**
     * The engine runs a resource's own transforms, then those of each ancestor (nearest first),
     * then the stack's, before it registers the resource.
     */
    private transformChain(req: resproto.RegisterResourceRequest, urn: string, parent: string | undefined): ResourceTransform[] {
      const own = req
        .getTransformsList()
        .map((cb) => this.transformsByToken.get(cb.getToken()))
        .filter((t): t is ResourceTransform => t !== undefined);
      transformsByUrn.set(urn, own);
      const chain = [...own];
      for (let p = parent; p; p = recorder.byUrn.get(p)?.parent) chain.push(...(transformsByUrn.get(p) ?? []));
      return [...chain, ...stackTransforms];
    }

    /** Where a registered or read resource sits: its type, name, parent and the URN the engine gives it. */
    private identity(req: resproto.RegisterResourceRequest | resproto.ReadResourceRequest): Pick<CapturedResource, "type" | "name" | "parent" | "urn"> {
      const type = req.getType();
      const name = req.getName();
      const parent = req.getParent() || undefined;
      return { type, name, parent, urn: makeUrn(stack, project, parent, type, name) };
    }

    /** Records what the program declared (inputs decoded for reports, wire form kept for the packs). */
    private record(
      req: resproto.RegisterResourceRequest | resproto.ReadResourceRequest,
      identity: Pick<CapturedResource, "type" | "name" | "parent" | "urn">,
      resource: Omit<CapturedResource, "type" | "name" | "parent" | "urn" | "inputs" | "dependencies" | "provider">,
    ): void {
      const { custom, remote, operation, wireInputs, wireOutputs, propertyDependencies, providers, options, source } = resource;
      recorder.add({
        urn: identity.urn,
        type: identity.type,
        name: identity.name,
        custom,
        remote,
        operation,
        parent: identity.parent,
        inputs: decodeWireValue(wireInputs) as JsonObject,
        wireInputs,
        wireOutputs,
        dependencies: req.getDependenciesList(),
        propertyDependencies,
        provider: req.getProvider() || undefined,
        providers,
        options,
        // Registrations always carry `source` (possibly undefined); reads have none.
        ...("source" in resource ? { source } : {}),
      });
    }

    /** Answers an RPC with `handle`'s response; a failure is recorded for the report and returned to the SDK. */
    private async answer(callback: Callback, handle: () => Promise<unknown>): Promise<void> {
      try {
        callback(null, await handle());
      } catch (err) {
        recorder.errors.push(err instanceof Error ? err : new Error(String(err)));
        callback(err);
      }
    }

    override async registerResource(req: resproto.RegisterResourceRequest, callback: Callback): Promise<void> {
      await this.answer(callback, async () => {
        const identity = this.identity(req);
        const { type, name, parent, urn } = identity;
        const custom = req.getCustom();
        const remote = req.getRemote();
        let wireInputs = structToJs(req.getObject());
        let options = optionsOf(req, { stack, project, type, name, parent });
        const transforms = this.transformChain(req, urn, parent);
        if (transforms.length > 0) {
          let props = sdk.rpc.deserializeProperties(req.getObject()) as Record<string, unknown>;
          let opts: TransformableOptions = toResourceOptions(options);
          for (const transform of transforms) {
            const result = await transform({ type, name, custom, props, opts });
            if (result) {
              props = result.props as Record<string, unknown>;
              opts = (result.opts as TransformableOptions | undefined) ?? opts;
            }
          }
          wireInputs = (await sdk.rpc.serializeProperties(`transforms(${name})`, props)) as JsonObject;
          options = fromResourceOptions(options, opts);
        }
        // What the provider's Check does before the engine calls Analyze (see provider-defaults.ts).
        if (custom) wireInputs = applyProviderDefaults(type, wireInputs).inputs;
        const fixture = recorder.fixtureOutputs(type, urn, name);
        const { id: fixtureId, ...fixtureOutputs } = fixture ?? {};
        // Custom resources echo their inputs, as a provider's preview of a create does; remote
        // components only have the outputs a fixture supplies; local components register theirs later.
        const wireOutputs: JsonObject = custom ? { ...wireInputs, ...fixtureOutputs } : remote ? { ...fixtureOutputs } : {};
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((deps, key) => {
          propertyDependencies[key] = deps.getUrnsList();
        });
        const providers: Record<string, string> = {};
        req.getProvidersMap().forEach((ref, pkg) => {
          providers[pkg] = ref;
        });
        this.record(req, identity, { custom, remote, operation: "register", wireInputs, wireOutputs, propertyDependencies, providers, options, source: sourceOf(req) });
        const id = custom && typeof fixtureId === "string" ? fixtureId : "";
        this.resources.set(urn, { urn, id: id || null, state: wireOutputs });
        const response = new sdk.resproto.RegisterResourceResponse();
        response.setUrn(urn);
        response.setId(id);
        response.setObject(sdk.Struct.fromJavaScript(wireOutputs as Parameters<typeof sdk.Struct.fromJavaScript>[0]));
        return response;
      });
    }

    override async readResource(req: resproto.ReadResourceRequest, callback: Callback): Promise<void> {
      await this.answer(callback, async () => {
        const identity = this.identity(req);
        const { type, name, urn } = identity;
        const wireInputs = structToJs(req.getProperties());
        const fixture = recorder.fixtureOutputs(type, urn, name) ?? {};
        const wireOutputs: JsonObject = { ...wireInputs, ...fixture, id: req.getId() };
        const options = { ...emptyOptions(), additionalSecretOutputs: req.getAdditionalsecretoutputsList() };
        this.record(req, identity, { custom: true, remote: false, operation: "read", wireInputs, wireOutputs, propertyDependencies: {}, providers: {}, options });
        this.resources.set(urn, { urn, id: req.getId(), state: wireOutputs });
        const response = new sdk.resproto.ReadResourceResponse();
        response.setUrn(urn);
        response.setProperties(sdk.Struct.fromJavaScript(wireOutputs as Parameters<typeof sdk.Struct.fromJavaScript>[0]));
        return response;
      });
    }

    override registerResourceOutputs(req: resproto.RegisterResourceOutputsRequest, callback: Callback): void {
      const resource = recorder.byUrn.get(req.getUrn());
      if (!resource) {
        callback(new Error(`unknown resource ${req.getUrn()}`));
        return;
      }
      resource.wireOutputs = structToJs(req.getOutputs());
      callback(null, {});
    }

    override async invoke(req: resproto.ResourceInvokeRequest, callback: Callback): Promise<void> {
      const token = req.getTok();
      if (token === "pulumi:pulumi:getResource") {
        await super.invoke(req, callback);
        return;
      }
      try {
        const args = JSON.parse(JSON.stringify(sdk.rpc.deserializeProperties(req.getArgs()) ?? {})) as JsonObject;
        const { result, answeredBy } = answerInvoke(token, args, region, fixtures);
        recorder.invokes.push({ token, args: args as JsonValue, answeredBy });
        const serialized = await sdk.rpc.serializeProperties(`invoke:${token}`, (result ?? {}) as Record<string, unknown>);
        const response = new sdk.InvokeResponse();
        response.setReturn(sdk.Struct.fromJavaScript(serialized as Parameters<typeof sdk.Struct.fromJavaScript>[0]));
        callback(null, response);
      } catch (err) {
        const error = err instanceof Error ? err : new Error(String(err));
        if (!(error instanceof MissingInvokeAnswerError) || !recorder.errors.some((e) => e.message === error.message)) {
          recorder.errors.push(error);
        }
        callback(error);
      }
    }
  }

  return new CapturingMonitor();
}

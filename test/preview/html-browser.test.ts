// `--format html` in a real browser: Debian's headless chromium loads the report without a script
// error or console error, draws the diagram (non-blank pixels where the page says the diagram is,
// red where the chosen disruption takes resources down). Skipped, saying so, where chromium is not
// installed (.ci/run installs it when it can: apt-get install chromium).
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as aws from "@pulumi/aws";
import { PNG } from "pngjs";
import { assessResources } from "../../policies/resilience";
import { captureInline } from "../../preview/src/capture/inline";
import { renderHtml } from "../../preview/src/report/html";
import { type PreviewResult } from "../../preview/src/report/model";
import { plainResources } from "../../preview/src/report/resilience";

const BROWSERS = ["chromium", "chromium-browser", "google-chrome"];
const WIDTH = 1280;
const HEIGHT = 1600;
const BROWSER_TIMEOUT_MS = 120_000;

function findBrowser(): string | undefined {
    for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
        for (const name of BROWSERS) {
            const file = path.join(dir, name);
            if (fs.existsSync(file)) return file;
        }
    }
    return undefined;
}

/** Runs the browser in its own process group; the whole group is ended on timeout. */
function runBrowser(browser: string, args: string[]): Promise<{ stdout: string; stderr: string; code: number | null }> {
    return new Promise((resolve, reject) => {
        const child = spawn(browser, args, { detached: true, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        const timer = setTimeout(() => {
            try {
                process.kill(-child.pid!, "SIGKILL");
            } catch {
                // already gone
            }
            reject(new Error(`${path.basename(browser)} did not finish within ${BROWSER_TIMEOUT_MS / 1000} s`));
        }, BROWSER_TIMEOUT_MS);
        child.on("error", (e) => {
            clearTimeout(timer);
            reject(e);
        });
        child.on("close", (code) => {
            clearTimeout(timer);
            resolve({ stdout, stderr, code });
        });
    });
}

async function report(): Promise<PreviewResult> {
    // One NAT gateway for two AZs, a web tier, and a resource name that tries to be markup.
    const stack = await captureInline(
        () => {
            const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
            const pub = ["eu-west-1a", "eu-west-1b"].map((z, i) => new aws.ec2.Subnet(`pub-${i}`, { vpcId: vpc.id, cidrBlock: `10.0.${i}.0/24`, availabilityZone: z }));
            const nat = new aws.ec2.NatGateway("nat", { subnetId: pub[0].id, allocationId: "eipalloc-1" });
            const rt = new aws.ec2.RouteTable("private", { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: nat.id }] });
            const priv = ["eu-west-1a", "eu-west-1b"].map((z, i) => new aws.ec2.Subnet(`priv-${i}`, { vpcId: vpc.id, cidrBlock: `10.0.${10 + i}.0/24`, availabilityZone: z }));
            priv.forEach((s, i) => new aws.ec2.RouteTableAssociation(`priv-${i}`, { subnetId: s.id, routeTableId: rt.id }));
            const lb = new aws.lb.LoadBalancer("</script><img src=x onerror=alert(1)>", { loadBalancerType: "application", subnets: pub.map((s) => s.id) });
            const tg = new aws.lb.TargetGroup("web", { port: 80, protocol: "HTTP", vpcId: vpc.id });
            new aws.lb.Listener("web", { loadBalancerArn: lb.arn, port: 80, defaultActions: [{ type: "forward", targetGroupArn: tg.arn }] });
            new aws.autoscaling.Group("web-asg", { minSize: 2, maxSize: 4, vpcZoneIdentifiers: priv.map((s) => s.id), targetGroupArns: [tg.arn] });
        },
        { config: { "aws:region": "eu-west-1" } },
    );
    const resilience = assessResources(plainResources(stack) as never, {});
    const summary = { mandatory: 0, advisory: 0, exempted: 0, ruleErrors: 0 };
    return { report: { project: "browser", stack: "dev", summary, resilience } } as unknown as PreviewResult;
}

describe("--format html in headless chromium", function () {
    this.timeout(4 * BROWSER_TIMEOUT_MS);
    const browser = findBrowser();
    let dir: string;
    let file: string;

    before(async function () {
        if (!browser) {
            console.log(`      SKIPPED: no headless browser (${BROWSERS.join(", ")}) on PATH; install Debian's chromium (apt-get install -y chromium) to run this check.`);
            this.skip();
        }
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "faultguard-html-"));
        file = path.join(dir, "report.html");
        fs.writeFileSync(file, renderHtml(await report()));
    });

    after(() => {
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    const common = () => ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", `--user-data-dir=${path.join(dir, "profile")}`, `--window-size=${WIDTH},${HEIGHT}`, "--virtual-time-budget=10000"];

    it("is one file: no script, stylesheet or image is fetched from anywhere; stack names are text, never markup", () => {
        const html = fs.readFileSync(file, "utf8");
        assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+href=|<img /i);
        assert.ok(!html.includes("</script><img"), "a resource name must not close the script element");
    });

    it("loads without script or console errors and draws the diagram, with the AZ loss's casualties in red", async () => {
        const dom = await runBrowser(browser!, [...common(), "--dump-dom", `file://${file}`]);
        const body = /<body([^>]*)>/.exec(dom.stdout)?.[1] ?? "";
        const attr = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(body)?.[1];
        assert.equal(attr("data-rendered"), "ok", `the page did not finish drawing; errors: ${/<pre id="errors"[^>]*>([^<]*)/.exec(dom.stdout)?.[1] ?? "?"}\n${dom.stderr.slice(-2000)}`);
        assert.equal(attr("data-errors"), "0", `script or console errors: ${/<pre id="errors"[^>]*>([^<]*)/.exec(dom.stdout)?.[1]}`);
        assert.ok(Number(attr("data-nodes")) >= 8, `diagram nodes: ${attr("data-nodes")}`);
        assert.ok(Number(attr("data-lost")) >= 1, "the first AZ's loss highlights what it takes down");
        const [x, y, w, h] = (attr("data-diagram") ?? "").split(",").map(Number);
        assert.ok(w > 100 && h > 100 && y + h <= HEIGHT, `diagram box ${attr("data-diagram")} within the ${WIDTH}×${HEIGHT} window`);

        const shot = path.join(dir, "shot.png");
        await runBrowser(browser!, [...common(), `--screenshot=${shot}`, `file://${file}`]);
        const png = PNG.sync.read(fs.readFileSync(shot));
        let drawn = 0;
        let red = 0;
        let total = 0;
        for (let py = y + 2; py < y + h - 2; py++) {
            for (let px = x + 2; px < x + w - 2; px++) {
                const i = (py * png.width + px) * 4;
                const [r, g, b] = [png.data[i], png.data[i + 1], png.data[i + 2]];
                total++;
                if (Math.abs(r - 0xfb) + Math.abs(g - 0xfc) + Math.abs(b - 0xfd) > 24) drawn++;
                if (r > 180 && g < 90 && b < 90) red++;
            }
        }
        assert.ok(drawn / total > 0.03, `only ${drawn} of ${total} pixels of the diagram differ from its background`);
        assert.ok(red > 50, `no highlighted (red) resources in the screenshot (${red} red pixels)`);
    });
});

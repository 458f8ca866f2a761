// Keeps secret values out of every message: a secret, or any long enough part of one, becomes
// "[secret]". Used by the pack (findings name the secret properties a rule read) and by
// `faultguard preview` as a second line of defence over every report it writes. Self-contained
// (no imports) because both the published pack and the CLI compile it in.

export const REDACTED = "[secret]";

/** A run of this many characters of a secret is a part of it worth hiding (a parse error quotes ~10). */
export const MIN_SECRET_PART = 6;

const WORD = /[A-Za-z0-9]/;

export class SecretRedactor {
    private readonly whole: string[];
    private readonly parts = new Set<string>();

    /**
     * `secrets`: values to hide, wholly and in part. `wholeOnly`: values hidden only where they
     * appear whole (stand-ins such as the preview's secret placeholder, whose parts are common words).
     */
    constructor(secrets: Iterable<string>, wholeOnly: Iterable<string> = []) {
        const whole = new Set<string>();
        for (const s of secrets) {
            if (s === "") {
                continue;
            }
            whole.add(s);
            for (let i = 0; i + MIN_SECRET_PART <= s.length; i++) {
                this.parts.add(s.slice(i, i + MIN_SECRET_PART));
            }
        }
        for (const s of wholeOnly) {
            if (s !== "") {
                whole.add(s);
            }
        }
        // Longest first, so a secret containing another is hidden as one.
        this.whole = [...whole].sort((a, b) => b.length - a.length);
    }

    get empty(): boolean {
        return this.whole.length === 0;
    }

    redact(text: string): string {
        if (this.whole.length === 0 || text === "") {
            return text;
        }
        const hidden = new Uint8Array(text.length);
        for (const s of this.whole) {
            for (let at = text.indexOf(s); at >= 0; at = text.indexOf(s, at + 1)) {
                // A short secret ("30") only where it stands alone, not inside "300" or "a30b".
                const alone = s.length >= MIN_SECRET_PART || (!WORD.test(text[at - 1] ?? "") && !WORD.test(text[at + s.length] ?? ""));
                if (alone) {
                    hidden.fill(1, at, at + s.length);
                }
            }
        }
        if (this.parts.size > 0) {
            for (let i = 0; i + MIN_SECRET_PART <= text.length; i++) {
                if (this.parts.has(text.slice(i, i + MIN_SECRET_PART))) {
                    hidden.fill(1, i, i + MIN_SECRET_PART);
                }
            }
        }
        let out = "";
        for (let i = 0; i < text.length; ) {
            if (hidden[i]) {
                while (i < text.length && hidden[i]) {
                    i++;
                }
                out += REDACTED;
            } else {
                out += text[i++];
            }
        }
        return out;
    }
}

/**
 * The values inside a secret: every string and number leaf (keys and leaves of a JSON document held
 * in a string too, since rules parse such documents and quote parts of them).
 */
export function secretLeaves(value: unknown, out: Set<string> = new Set(), depth = 0): Set<string> {
    if (depth > 64) {
        return out;
    }
    if (typeof value === "string") {
        out.add(value);
        const trimmed = value.trim();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                collectDocument(JSON.parse(trimmed), out, depth + 1);
            } catch {
                // not JSON: the string itself is the secret
            }
        }
    } else if (typeof value === "number" && Number.isFinite(value)) {
        out.add(String(value));
    } else if (Array.isArray(value)) {
        for (const v of value) {
            secretLeaves(v, out, depth + 1);
        }
    } else if (value !== null && typeof value === "object") {
        for (const v of Object.values(value)) {
            secretLeaves(v, out, depth + 1);
        }
    }
    return out;
}

function collectDocument(doc: unknown, out: Set<string>, depth: number): void {
    if (doc !== null && typeof doc === "object" && !Array.isArray(doc)) {
        for (const key of Object.keys(doc)) {
            out.add(key);
        }
    }
    secretLeaves(doc, out, depth);
}

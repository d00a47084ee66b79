// Type-checked (never run) by `npx tsc -p tests/js` in scripts/test-js.sh: shows that every
// export of the binding has a precise type. Lines marked @ts-expect-error must NOT compile.
import {
  compile, validate, lint, types,
  type ApplyError, type ApplyResult, type CompileError, type ConfigError, type Lint,
  type Pipeline, type Report, type Trace, type TraceStep, type TypeInfo, type StepStatus,
  type Transform,
} from "../../pkg-node/callerid_transform.js";
import initWeb, { compile as compileWeb } from "../../www/pkg/callerid_transform.js";

const rules: Transform[] = [
  { type: "if_prefix", value: "+", number: 1 },
  { type: "stop" },
  { type: "to_e164", value: "44", value2: "0" },
];
const p: Pipeline = compile(rules);
compile(JSON.stringify(rules));
compile({ caller_id_transforms: rules, name: "trunk" });
compile({ caller_id_transforms: null });
// @ts-expect-error: `number` is a number, not a string
compile([{ type: "strip_digits_start", number: "1" }]);

const out: string = p.apply("020 7946 0000");
const many: ApplyResult[] = p.applyMany(["020 7946 0000", "anonymous"]);
for (const r of many) {
  if ("output" in r) {
    const s: string = r.output;
    void s;
  } else {
    const message: string = r.error;
    const step: number | null = r.step;
    void message, step;
  }
}
// @ts-expect-error: applyMany takes strings
p.applyMany([1, 2]);

const t: Trace = p.trace("0207");
const steps: TraceStep[] = t.steps;
const status: StepStatus = steps[0].status;
const kind: string = steps[0].type;
const output: string | undefined = t.output;
const failedAt: number | null | undefined = t.step;
// @ts-expect-error: not a status
const bogus: StepStatus = "ran";
void out, status, kind, output, failedAt, bogus;

const lines: string[] = p.explainLines();
const text: string = p.explain();
void lines, text;

const report: Report = validate(rules);
const errors: ConfigError[] = report.errors;
const warnings: Lint[] = lint(JSON.stringify(rules)).warnings;
const at: number | null = errors[0]?.index ?? null;
const code: "unused_field" | "no_op" | "unreachable" | "cancels_out" | "overwritten" | "repeated_anchor" =
  warnings[0].code;
void at, code;

const info: TypeInfo[] = types();
const group: "api" | "extended" | "guard" = info[0].group;
const use: "unused" | "optional" | "required" = info[0].value.use;
const placeholder: string = info[0].number.placeholder;
void group, use, placeholder;

try {
  compile("[");
} catch (e) {
  for (const err of (e as CompileError).errors) {
    const field: "type" | "value" | "value2" | "number" | null = err.field;
    void field, err.kind, err.message;
  }
}
try {
  p.apply("9".repeat(300));
} catch (e) {
  const err = e as ApplyError;
  const k: "input_too_long" | "step_too_long" = err.kind;
  const s: number | null = err.step;
  void k, s;
}
p.free();

// The browser build (www/pkg, --target web) has the same API after `init()`.
async function web(): Promise<string> {
  await initWeb();
  return compileWeb(rules).apply("020 7946 0000");
}
void web;

/** The vendored SARIF 2.1.0 schema (see fixtures/README.md) compiled for Ajv 8. */
import { readFileSync } from "node:fs";
import Ajv from "ajv";
import addFormats from "ajv-formats";

/** A validator that throws with the first schema errors, so a failing test says why. */
export function sarifValidator(): (data: unknown) => boolean {
  const schema = JSON.parse(readFileSync(new URL("./fixtures/sarif-schema-2.1.0-rtm.5.json", import.meta.url), "utf8"));
  // Draft-04 names the schema id `id` and Ajv 8 dropped draft-04: the schema uses no other
  // draft-04-only keyword (no boolean exclusiveMinimum/Maximum), so renaming is enough.
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  // rtm.5's `language` pattern has a stray `]` that is invalid with the `u` flag; Ajv's
  // non-unicode mode compiles it as the schema authors' regex engines did.
  const ajv = new Ajv.default({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats.default(ajv);
  const validate = ajv.compile(schema);
  return (data) => {
    const ok = validate(data);
    if (!ok) throw new Error(JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    return ok;
  };
}

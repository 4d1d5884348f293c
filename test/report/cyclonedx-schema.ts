/**
 * The official CycloneDX 1.6 JSON schema (as shipped with @cyclonedx/cyclonedx-library, with the
 * SPDX-id and JSF schemas it references) compiled for Ajv 8, offline.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { fullFormats } from "ajv-formats/dist/formats.js";

const require = createRequire(import.meta.url);
const dir = path.join(path.dirname(require.resolve("@cyclonedx/cyclonedx-library/package.json")), "res", "schema");
const load = (file: string) => JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Record<string, unknown>;

/** A validator that throws with the first schema errors, so a failing test says why. */
export function cyclonedxValidator(): (data: unknown) => boolean {
  const ajv = new Ajv.default({ strict: false, allErrors: true });
  addFormats.default(ajv);
  // ajv-formats has no IRI formats: an IRI reference is a URI reference once its non-ASCII characters are
  // percent-encoded (RFC 3987 §3.1). No e-mail is written, so idn-email gets the plain e-mail check.
  const uriRef = fullFormats["uri-reference"] as RegExp;
  ajv.addFormat("iri-reference", (s: string) => {
    try {
      return uriRef.test(s.replace(/[^\x20-\x7e]/gu, (c) => encodeURIComponent(c)));
    } catch {
      return false; // a lone surrogate: not a character, so not an IRI
    }
  });
  ajv.addFormat("idn-email", fullFormats.email);
  // bom-1.6 refers to its neighbours by their SNAPSHOT file names.
  for (const name of ["spdx", "jsf-0.82"]) ajv.addSchema({ ...load(`${name}.SNAPSHOT.schema.json`), $id: `http://cyclonedx.org/schema/${name}.SNAPSHOT.schema.json` });
  const validate = ajv.compile(load("bom-1.6.SNAPSHOT.schema.json"));
  return (data) => {
    const ok = validate(data);
    if (!ok) throw new Error(JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    return ok;
  };
}

/** `carryover rules` (placeholder until the command lands). */
import type { Io } from "../cli.js";

export async function run(_argv: string[], io: Io): Promise<number> {
  io.err("carryover rules: not implemented yet\n");
  return 2;
}

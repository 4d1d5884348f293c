/** The `carryover` command line: argv → source → pipeline → report → exit code. */
export const VERSION = "0.1.0";

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h") {
    process.stdout.write("carryover <command>\n");
    return 0;
  }
  process.stderr.write(`carryover: unknown command ${argv[0]}\n`);
  return 2;
}

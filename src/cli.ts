/**
 * The `carryover` command line: argv → command module. Each command lives in
 * `src/commands/<name>.ts` and returns an exit code (0 clean, 1 findings at or
 * above --fail-on / lint failures, 2 usage or I/O error).
 */
export const VERSION = "0.1.0";

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  env: process.env,
  cwd: process.cwd(),
};

type Command = { summary: string; run: (argv: string[], io: Io) => Promise<number> };

/** The command table: lazy imports keep `carryover scan` start-up small. */
const COMMANDS: Record<string, Command> = {
  scan: {
    summary: "scan a directory, github:owner/repo[@ref] or hf:owner/name and report what did not carry over",
    run: async (argv, io) => (await import("./commands/scan.js")).run(argv, io),
  },
  audit: {
    summary: "scan every repository of github:ORG or an App installation (--installation ID) and write an audit report",
    run: async (argv, io) => (await import("./commands/audit.js")).run(argv, io),
  },
  rules: {
    summary: "the dataset registry: rules lint | rules show <id|alias|hf-id> | rules docs",
    run: async (argv, io) => (await import("./commands/rules.js")).run(argv, io),
  },
};

export function usage(): string {
  const lines = [
    `carryover ${VERSION}: did the terms of the datasets these weights were trained on carry over to their license?`,
    "",
    "Usage: carryover <command> [options]",
    "",
    "Commands:",
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`),
    "",
    "Run `carryover <command> --help` for a command's options.",
    "carryover reports what dataset terms say; it is not legal advice.",
    "",
  ];
  return lines.join("\n");
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(usage());
    return 0;
  }
  if (name === "--version" || name === "-v") {
    io.out(`${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`carryover: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    io.err(`carryover ${name}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}

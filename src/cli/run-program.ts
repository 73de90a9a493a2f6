/** The whole CLI for `argv` (process.argv without node and the script): the command tree, parsed and run. */
export async function runProgram(argv: readonly string[]): Promise<void> {
  // Before any schema is built: zod's fast path compiles a parser per object schema (`new Function`)
  // on its first parse, which a short-lived process pays for every schema and rarely earns back
  // (decision 0036). Parsing and its results are the same either way.
  const { z } = await import('zod');
  z.config({ jitless: true });
  const [{ CommanderError }, { processIo }, { createProgram }] = await Promise.all([
    import('commander'),
    import('./cli-io.js'),
    import('./create-program.js'),
  ]);
  const io = processIo();
  // `swarmlord … | head` closes the pipe early: that is the reader's choice, so exit quietly.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    });
  }
  try {
    // Only the modules of the command being run are loaded (see `commandsFor`).
    await (await createProgram(io, argv)).parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message (or the help / version).
      process.exitCode = error.exitCode === 0 ? 0 : 2;
    } else {
      // Loaded only on failure: it knows every module's error type.
      const { formatCliError } = await import('./format-cli-error.js');
      const { text, exitCode } = formatCliError(error, io.env);
      io.stderr.write(text);
      process.exitCode = exitCode;
    }
  }
}

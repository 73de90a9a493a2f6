#!/usr/bin/env node
import { CommanderError } from 'commander';
import { processIo } from './cli-io.js';
import { createProgram } from './create-program.js';
import { formatCliError } from './format-cli-error.js';

const io = processIo();
// `swarmlord … | head` closes the pipe early: that is the reader's choice, so exit quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}
try {
  await createProgram(io).parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help / version).
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    const { text, exitCode } = formatCliError(error, io.env);
    io.stderr.write(text);
    process.exitCode = exitCode;
  }
}

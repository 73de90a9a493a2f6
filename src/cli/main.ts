#!/usr/bin/env node
import { CommanderError } from 'commander';
import { processIo } from './cli-io.js';
import { createProgram } from './create-program.js';
import { formatCliError } from './format-cli-error.js';

const io = processIo();
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

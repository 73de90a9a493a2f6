#!/usr/bin/env node
import { processIo } from './cli-io.js';
import { createProgram } from './create-program.js';
import { formatCliError } from './format-cli-error.js';

const io = processIo();
try {
  await createProgram(io).parseAsync(process.argv);
} catch (error) {
  const { text, exitCode } = formatCliError(error, io.env);
  io.stderr.write(text);
  process.exitCode = exitCode;
}

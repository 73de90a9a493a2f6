import type { Command } from 'commander';
import type { ExecuteOptions } from './execute-mission.js';

/** The options every mission-running command shares. */
export interface ModelCommandOptions {
  model?: string;
  replay?: boolean;
  record?: boolean;
  /** `--apply` (added beside the model flags): write Engage's patch after Verify. */
  apply?: boolean;
}

/** Adds `--model`, `--replay` and `--no-record` to a command that runs missions. */
export function addModelOptions(command: Command): Command {
  return command
    .option(
      '-m, --model <spec>',
      'model for roles nothing else sets: offline, <provider>:<model-id> (openai, anthropic, openrouter, deepseek, ollama, openai-compatible) or a bare OpenRouter id',
    )
    .option(
      '--replay',
      'answer every model call from the call cache (hfo_cache/model_calls); no network request',
    )
    .option('--no-record', 'do not write real model calls to the call cache (recorded by default)');
}

/** The execute options for the model flags a command was given. */
export function modelExecuteOptions(
  options: ModelCommandOptions,
): Pick<ExecuteOptions, 'model' | 'replay' | 'record' | 'apply'> {
  return {
    ...(options.model === undefined ? {} : { model: options.model }),
    ...(options.replay === true ? { replay: true } : {}),
    ...(options.record === false ? { record: false } : {}),
    ...(options.apply === true ? { apply: true } : {}),
  };
}

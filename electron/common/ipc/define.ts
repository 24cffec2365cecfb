import type { z } from 'zod';

/** One invoke channel: the zod schema of its argument tuple and, as a type only, its result. */
export interface ChannelSpec<Result = unknown> {
  args: z.ZodTuple;
  result: Result;
}

/** Declares one invoke channel: `channel<Result>()(z.tuple([...]))`. */
export function channel<Result>() {
  // `result` is a type only: nothing reads it at run time, so it holds no value.
  return <Args extends z.ZodTuple>(args: Args): { args: Args; result: Result } => ({
    args,
    result: undefined as Result,
  });
}

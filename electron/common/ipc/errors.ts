/** Stable error codes that cross IPC; the UI branches on these, never on message text. */
export const ErrorCode = {
  EngineUnreachable: 'ENGINE_UNREACHABLE',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  Validation: 'VALIDATION',
  Forbidden: 'FORBIDDEN',
  /** A registry or daemon refused the credentials (or there were none). */
  Unauthorized: 'UNAUTHORIZED',
  Timeout: 'TIMEOUT',
  Cancelled: 'CANCELLED',
  Internal: 'INTERNAL',
  /** A tool Berth runs for the user (Compose) failed or is missing; the message carries its own words. */
  ToolFailed: 'TOOL_FAILED',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface IpcErrorData {
  code: ErrorCode;
  /** A sentence a user can act on. */
  message: string;
}

/** What every invoke channel returns over the bridge: errors are data, not exceptions. */
export type IpcEnvelope<T> = { ok: true; value: T } | { ok: false; error: IpcErrorData };

/** An error with a stable code; thrown by services in main and rebuilt in the renderer. */
export class IpcError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IpcError';
    this.code = code;
  }

  toData(): IpcErrorData {
    return { code: this.code, message: this.message };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (Object.values(ErrorCode) as string[]).includes(value);
}

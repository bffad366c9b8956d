import { serverError } from '../common';

/** Why a write was refused, as the release view tells the user. */
export interface UpdateFailure {
  /** 409: the item changed since the user saw it; 403: not allowed. */
  kind: 'conflict' | 'forbidden' | 'other';
  /** The server's message (for 403 it names who may do it). */
  message: string;
}

/** Classifies a rejected write by its status code or server error name. */
export function classifyUpdateFailure(error: unknown): UpdateFailure {
  const statusCode = (error as { statusCode?: unknown } | undefined)
    ?.statusCode;
  const { name, message } = serverError(error);
  if (statusCode === 409 || name === 'ConflictError') {
    return { kind: 'conflict', message };
  }
  if (statusCode === 403 || name === 'NotAllowedError') {
    return { kind: 'forbidden', message };
  }
  return { kind: 'other', message };
}

import { InputError } from '@backstage/errors';
import { CliIo } from '../runAction';

export interface TemplateRunOptions {
  /** The portal's base URL, e.g. https://portal.example.com. */
  portalUrl: string;
  token: string;
  templateRef: string;
  values: Record<string, unknown>;
  io: CliIo;
  /** How long to wait between polls of the task's events, in ms. */
  pollInterval?: number;
  fetch?: typeof fetch;
}

interface TaskEvent {
  id: number;
  type: 'log' | 'completion' | 'cancelled' | 'recover';
  body: {
    message?: string;
    status?: string;
    stepId?: string;
    output?: Record<string, unknown>;
  };
}

/**
 * Starts a template on a portal through the scaffolder API, prints its log
 * as it runs, and resolves with the task's status and output.
 */
export async function runTemplate(options: TemplateRunOptions) {
  const request = options.fetch ?? fetch;
  const base = `${options.portalUrl.replace(/\/$/, '')}/api/scaffolder/v2`;
  const headers = {
    authorization: `Bearer ${options.token}`,
    'content-type': 'application/json',
  };
  const created = await request(`${base}/tasks`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      templateRef: options.templateRef,
      values: options.values,
    }),
  });
  if (!created.ok) {
    throw new InputError(
      `The portal refused to start ${options.templateRef}: ${
        created.status
      } ${await errorMessage(created)}`,
    );
  }
  const { id } = (await created.json()) as { id: string };
  options.io.log(`Started task ${id} (${options.templateRef})`);

  let after: number | undefined;
  for (;;) {
    const url = `${base}/tasks/${encodeURIComponent(id)}/events${
      after === undefined ? '' : `?after=${after}`
    }`;
    const response = await request(url, { headers });
    if (!response.ok) {
      throw new Error(
        `Reading the log of task ${id} failed: ${
          response.status
        } ${await errorMessage(response)}`,
      );
    }
    const events = (await response.json()) as TaskEvent[];
    for (const event of events) {
      after = event.id;
      if (event.type === 'log' && event.body.message) {
        // The step log carries terminal colours; CI logs read better without.
        // eslint-disable-next-line no-control-regex
        const message = event.body.message.replace(/\u001b\[[0-9;]*m/g, '');
        options.io.log(
          event.body.stepId ? `[${event.body.stepId}] ${message}` : message,
        );
      }
      if (event.type === 'completion' || event.type === 'cancelled') {
        const task = await request(`${base}/tasks/${encodeURIComponent(id)}`, {
          headers,
        });
        const body = task.ok
          ? ((await task.json()) as {
              status?: string;
              output?: Record<string, unknown>;
            })
          : {};
        return {
          id,
          status:
            body.status ??
            (event.type === 'cancelled'
              ? 'cancelled'
              : event.body.status ?? 'failed'),
          output: body.output ?? {},
        };
      }
    }
    await new Promise(resolve =>
      setTimeout(resolve, options.pollInterval ?? 1000),
    );
  }
}

async function errorMessage(response: Response) {
  const text = await response.text();
  try {
    const body = JSON.parse(text);
    return body?.error?.message ?? text;
  } catch {
    return text;
  }
}

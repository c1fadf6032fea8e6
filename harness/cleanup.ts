// Teardown, the one way tests, the bench and the screenshot script undo what they set up: each
// step is added as it is made, and all of them run (last added first) even when one throws or
// the test failed.
import type { TestContext } from 'node:test';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export class Cleanup {
  private readonly steps: Array<{ name: string; run: () => unknown }> = [];

  add(name: string, run: () => unknown): void {
    this.steps.push({ name, run });
  }

  async run(): Promise<void> {
    const errors: unknown[] = [];
    while (this.steps.length > 0) {
      const step = this.steps.pop()!;
      try {
        await step.run();
      } catch (error) {
        errors.push(new Error(`cleanup "${step.name}" failed: ${String((error as Error)?.message ?? error)}`));
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, 'several cleanup steps failed');
  }
}

// A Cleanup that runs when the test ends, however it ends.
export function cleanupFor(t: TestContext): Cleanup {
  const cleanup = new Cleanup();
  t.after(() => cleanup.run());
  return cleanup;
}

export async function tempDir(cleanup: Cleanup, prefix = 'many-cores-e2e-'): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  cleanup.add(`remove ${dir}`, () => fs.rm(dir, { recursive: true, force: true, maxRetries: 3 }));
  return dir;
}

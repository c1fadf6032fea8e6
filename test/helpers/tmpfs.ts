// A small tmpfs in a private mount namespace, for disk-full tests: processes run in it through
// `wrap`, and the test can grow it afterwards (space freed) without losing what it holds.
// Needs root, unshare and nsenter.
import { holdNamespace } from './namespace.js';
import type { TestContext } from 'node:test';
import { tempDir, type Cleanup } from '../../harness/cleanup.js';

export type PrivateTmpfs =
  | {
      ok: true;
      wrap: string[];
      resize: (size: string) => Promise<void>;
      runInside: (command: string[]) => Promise<string>;
    }
  | { ok: false; reason: string };

// Mounts a tmpfs of `size` (e.g. '2m') over `directory`, seen only by processes run through `wrap`.
export async function privateTmpfs(cleanup: Cleanup, directory: string, size: string): Promise<PrivateTmpfs> {
  const held = await holdNamespace(cleanup, 'mount', `mount -t tmpfs -o size=${size} tmpfs "$0"`, [directory]);
  if (!held.ok) return held;
  return {
    ...held,
    resize: async (newSize) => {
      await held.runInside(['mount', '-o', `remount,size=${newSize}`, directory]);
    },
  };
}

export type SmallDisk = Extract<PrivateTmpfs, { ok: true }> & { mount: string };

// A fresh folder with a private tmpfs of `size` over it; where one cannot be had (no root, no
// unshare), the test is skipped with the reason and this gives null.
export async function smallDisk(t: TestContext, cleanup: Cleanup, size: string): Promise<SmallDisk | null> {
  const mount = await tempDir(cleanup);
  const tmpfs = await privateTmpfs(cleanup, mount, size);
  if (!tmpfs.ok) {
    t.skip(tmpfs.reason);
    return null;
  }
  return { ...tmpfs, mount };
}

import { createHash } from 'node:crypto';
import { lstat, mkdir, readFile, readdir, readlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

// Every entry under a folder, with its kind, mode and bytes (as a hash): two snapshots are equal only when
// nothing in the folder was added, moved, removed or changed.
export async function snapshotFolder(root: string): Promise<Map<string, string>> {
  const entries = new Map<string, string>();
  const visit = async (relative: string): Promise<void> => {
    const full = path.join(root, relative);
    const stats = await lstat(full);
    const mode = (stats.mode & 0o7777).toString(8);
    if (stats.isDirectory()) {
      entries.set(relative || '.', `folder ${mode}`);
      for (const name of (await readdir(full)).sort()) await visit(path.join(relative, name));
    } else if (stats.isSymbolicLink()) {
      entries.set(relative, `link ${await readlink(full)}`);
    } else if (stats.isFile()) {
      const bytes = await readFile(full);
      entries.set(
        relative,
        `file ${mode} ${bytes.length} bytes sha256 ${createHash('sha256').update(bytes).digest('hex')}`,
      );
    } else {
      entries.set(relative, `other ${mode}`);
    }
  };
  await visit('');
  return entries;
}

// A folder of someone's files, some of them with the names Corestore itself uses.
export async function fillWithUserFiles(root: string): Promise<void> {
  const files: Array<[string, string | Buffer]> = [
    ['notes.txt', 'hi\n'],
    ['photos/a.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 1, 2, 3])],
    ['photos/2024/b.jpg', Buffer.from([0xff, 0xd8, 7, 7])],
    ['CURRENT', 'my current task\n'],
    ['primary-key', 'not a key\n'],
    ['db/schema.sql', 'create table t (x int);\n'],
    ['cores/readme.md', '# cores\n'],
  ];
  for (const [relative, content] of files) {
    await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
    await writeFile(path.join(root, relative), content);
  }
}

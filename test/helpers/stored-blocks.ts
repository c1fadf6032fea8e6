// Reads what a many-cores storage folder holds, straight from a Corestore on disk: proof that a
// process that ended left its store closed and complete (opening fails while another holds it).
import Corestore from 'corestore';

// The blocks held locally of each sub-core listed in block 0 of `mainKey`, in that order, as text.
export async function storedSubCoreBlocks(storage: string, mainKey: string): Promise<string[][]> {
  const store = new Corestore(storage);
  try {
    const main = store.get<{ otherKeys: string[] }>({ key: Buffer.from(mainKey, 'hex'), valueEncoding: 'json' });
    await main.ready();
    const blockZero = await main.get(0, { wait: false });
    if (!blockZero) throw new Error(`block 0 of ${mainKey} is not in ${storage}`);
    const result: string[][] = [];
    for (const key of blockZero.otherKeys) {
      const core = store.get({ key: Buffer.from(key, 'hex') });
      await core.ready();
      const texts: string[] = [];
      for (let seq = 0; seq < core.length; seq++) {
        const block = await core.get(seq, { wait: false });
        if (block) texts.push(block.toString('utf8'));
      }
      result.push(texts);
    }
    return result;
  } finally {
    await store.close();
  }
}

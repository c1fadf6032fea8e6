// Declarations for the Holepunch packages we use, which ship no types.
// Only what many-cores calls is declared, so a misuse fails to compile.

declare module 'hypercore' {
  import { EventEmitter } from 'node:events';

  export interface HypercorePeer {
    remotePublicKey: Buffer;
  }

  export interface GetOptions {
    wait?: boolean;
    timeout?: number;
    valueEncoding?: 'json' | 'binary' | 'utf-8';
  }

  export default class Hypercore<Block = Buffer> extends EventEmitter {
    readonly key: Buffer;
    readonly discoveryKey: Buffer;
    readonly length: number;
    readonly contiguousLength: number;
    // Blocks from 0 on that some remote is known to hold (the most any has said it holds).
    readonly remoteContiguousLength: number;
    // Bytes of all blocks up to length, known from the signed tree without downloading them.
    readonly byteLength: number;
    // Bumped each time the writer truncates the core (a new fork of its history).
    readonly fork: number;
    readonly writable: boolean;
    readonly closed: boolean;
    readonly peers: HypercorePeer[];
    ready(): Promise<void>;
    close(): Promise<void>;
    append(block: Block | Block[]): Promise<{ length: number; byteLength: number }>;
    truncate(newLength: number): Promise<void>;
    // Another handle on the same core, closed on its own.
    session(): Hypercore<Block>;
    get(index: number, options?: GetOptions): Promise<Block | null>;
    update(options?: { wait?: boolean }): Promise<boolean>;
    count(start: number, end: number): Promise<number>;
    seek(bytes: number, options?: { wait?: boolean }): Promise<[number, number] | null>;
    has(start: number, end?: number): Promise<boolean>;
    // end -1: a live range that keeps downloading blocks as they are appended.
    download(range?: { start?: number; end?: number; linear?: boolean }): { done(): Promise<void>; destroy(): void };
    on(event: 'append' | 'close' | 'ready', listener: () => void): this;
    on(event: 'peer-add' | 'peer-remove', listener: (peer: HypercorePeer) => void): this;
    on(event: 'download' | 'upload', listener: (index: number, byteLength: number) => void): this;
    on(event: 'remote-contiguous-length', listener: (length: number) => void): this;
    // ancestors: the length the old and new history share.
    on(event: 'truncate', listener: (ancestors: number, forkId: number) => void): this;
    // A block or length a peer sent that was not stored: invalid, or the disk refused it.
    on(event: 'verification-error', listener: (error: Error) => void): this;
  }
}

declare module 'corestore' {
  import type Hypercore from 'hypercore';
  import type { Duplex } from 'node:stream';

  export interface CoreByName {
    name: string;
    valueEncoding?: 'json' | 'binary';
  }

  export interface CoreByKey {
    key: Buffer;
    valueEncoding?: 'json' | 'binary';
  }

  export default class Corestore {
    constructor(storage: string, options?: Record<string, never>);
    ready(): Promise<void>;
    close(): Promise<void>;
    get<Block = Buffer>(options: CoreByName | CoreByKey): Hypercore<Block>;
    replicate(stream: Duplex): unknown;
    // A replication stream of its own, to pipe into another store's.
    replicate(isInitiator: boolean): Duplex;
    findingPeers(): () => void;
  }
}

declare module 'hyperdht' {
  import { EventEmitter } from 'node:events';

  export interface HostPort {
    host: string;
    port: number;
  }

  export interface HyperDHTOptions {
    bootstrap?: Array<HostPort | string>;
    host?: string;
    port?: number | [number, number];
    firewalled?: boolean;
    ephemeral?: boolean;
  }

  export default class HyperDHT extends EventEmitter {
    constructor(options?: HyperDHTOptions);
    static bootstrapper(port: number, host: string, options?: HyperDHTOptions): HyperDHT;
    readonly online: boolean;
    readonly destroyed: boolean;
    // True once the first bootstrap attempt has finished, whether or not it reached anyone.
    readonly bootstrapped: boolean;
    toArray(options?: { limit?: number }): HostPort[];
    ready(): Promise<void>;
    fullyBootstrapped(): Promise<void>;
    address(): HostPort;
    destroy(options?: { force?: boolean }): Promise<void>;
    on(event: 'network-update' | 'ready' | 'close', listener: () => void): this;
  }
}

declare module 'hyperdht/testnet.js' {
  import type HyperDHT from 'hyperdht';
  import type { HostPort } from 'hyperdht';

  export interface Testnet {
    nodes: HyperDHT[];
    bootstrap: HostPort[];
    destroy(): Promise<void>;
  }

  export default function createTestnet(size?: number, options?: { host?: string; port?: number }): Promise<Testnet>;
}

declare module 'hyperswarm' {
  import { EventEmitter } from 'node:events';
  import type { Duplex } from 'node:stream';
  import type HyperDHT from 'hyperdht';
  import type { HostPort } from 'hyperdht';

  export interface PeerDiscovery {
    flushed(): Promise<void>;
    refresh(options?: { client?: boolean; server?: boolean }): Promise<void>;
    destroy(): Promise<void>;
  }

  export interface SwarmConnection extends Duplex {
    remotePublicKey: Buffer;
    // @hyperswarm/secret-stream: bytes on the wire, after encryption and before decryption.
    readonly rawBytesWritten: number;
    readonly rawBytesRead: number;
    // The transport under the encryption; on a direct connection a udx-native stream, whose
    // rtt is in milliseconds.
    readonly rawStream: { readonly rtt?: number } | null;
  }

  export default class Hyperswarm extends EventEmitter {
    constructor(options?: { dht?: HyperDHT; bootstrap?: HostPort[] });
    readonly dht: HyperDHT;
    readonly connections: Set<SwarmConnection>;
    readonly destroyed: boolean;
    join(topic: Buffer, options?: { server?: boolean; client?: boolean }): PeerDiscovery;
    flush(): Promise<boolean>;
    destroy(options?: { force?: boolean }): Promise<void>;
    on(event: 'connection', listener: (connection: SwarmConnection) => void): this;
    on(event: 'update', listener: () => void): this;
    off(event: 'connection', listener: (connection: SwarmConnection) => void): this;
    off(event: 'update', listener: () => void): this;
  }
}

declare module 'hypercore-id-encoding' {
  export function encode(key: Buffer): string;
  export function decode(id: string | Buffer): Buffer;
  export function normalize(id: string | Buffer): string;
  export function isValid(id: string | Buffer): boolean;
}

declare module 'b4a' {
  export function from(input: string, encoding: 'hex' | 'utf8' | 'base64'): Buffer;
  export function toString(buffer: Uint8Array, encoding: 'hex' | 'utf8' | 'base64'): string;
  export function isBuffer(value: unknown): value is Buffer;
  export function equals(a: Uint8Array, b: Uint8Array): boolean;
  const b4a: {
    from: typeof from;
    toString: typeof toString;
    isBuffer: typeof isBuffer;
    equals: typeof equals;
  };
  export default b4a;
}

declare module 'graceful-goodbye' {
  interface Goodbye {
    // The handler may return a promise; goodbye awaits it.
    (handler: () => unknown, position?: number): () => void;
    exit(): void;
    exiting: boolean;
  }
  const goodbye: Goodbye;
  export default goodbye;
}

declare module 'hyperbee2/lib/encoding.js' {
  /** Where a value over hyperbee2's inline size lives: block `seq`, entry `offset` of its values. */
  export interface Bee2ValuePointer {
    core: number;
    seq: number;
    offset: number;
    split: number;
  }

  // Keys and values are cut out of the bytes decoded: Buffers of a Buffer, Uint8Arrays of a Uint8Array.
  export interface Bee2Key {
    key: Uint8Array;
    value: Uint8Array | null;
    valuePointer: Bee2ValuePointer | null;
  }

  export interface Bee2Block {
    type: number;
    checkpoint: number;
    // start: blocks of the same write batch before this one; end: after it.
    batch: { start: number; end: number };
    previous: { core: number; seq: number } | null;
    tree: unknown[] | null;
    keys: Bee2Key[] | null;
    values: Uint8Array[] | null;
  }

  export const TYPE_LATEST: number;
  export const TYPE_COMPAT: number;
  export function decodeBlock(buffer: Uint8Array, seq: number): Bee2Block;
  export function encodeBlock(block: Bee2Block): Buffer;
}

declare module 'hyperbee2' {
  import type Corestore from 'corestore';
  import type Hypercore from 'hypercore';
  import type { Readable } from 'node:stream';

  export interface Bee2Range {
    gt?: Uint8Array;
    gte?: Uint8Array;
    lt?: Uint8Array;
    lte?: Uint8Array;
    limit?: number;
    reverse?: boolean;
    // Fetch the next blocks of the tree while the entries are read (the default).
    prefetch?: boolean;
    // How long each block the read needs is waited for (ms), then the read fails.
    timeout?: number;
  }

  export interface Bee2Entry {
    key: Buffer;
    value: Buffer;
    seq: number;
  }

  export interface Bee2WriteBatch {
    tryPut(key: Uint8Array, value: Uint8Array): void;
    tryDelete(key: Uint8Array): void;
    flush(): Promise<void>;
  }

  export default class Hyperbee2 {
    // Without `core`, the store's core named `bee`. `view`: closing it leaves the store open.
    constructor(store: Corestore, options?: { core?: Hypercore; view?: boolean; writable?: boolean });
    readonly core: Hypercore;
    ready(): Promise<void>;
    close(): Promise<void>;
    // compat: blocks in hyperbee's format (header and one node a block) rather than hyperbee2's;
    // type: hyperbee2's block type (1, the latest, unless told; 0 its first).
    write(options?: { compat?: boolean; type?: number }): Bee2WriteBatch;
    // The type of block 0: 1 for hyperbee2's own format, 10 for hyperbee's.
    compat(): Promise<number>;
    // A read-only view of the tree as it was when the core was `length` blocks long.
    checkout(options: { length: number }): Hyperbee2;
    createReadStream(range: Bee2Range): Readable & AsyncIterable<Bee2Entry>;
  }
}

declare module 'hyperbee' {
  import type Hypercore from 'hypercore';

  export interface HyperbeeOptions {
    keyEncoding?: 'binary' | 'utf-8' | 'json';
    valueEncoding?: 'binary' | 'utf-8' | 'json';
  }

  // Bounds and reads of createReadStream; keys are encoded with the bee's keyEncoding.
  export interface HyperbeeRange {
    gt?: Uint8Array;
    gte?: Uint8Array;
    lt?: Uint8Array;
    lte?: Uint8Array;
    limit?: number;
    reverse?: boolean;
  }

  export interface HyperbeeEntry<Key, Value> {
    seq: number;
    key: Key;
    // Null for a put without a value.
    value: Value | null;
  }

  export default class Hyperbee<Key = Buffer, Value = Buffer> {
    constructor(core: Hypercore, options?: HyperbeeOptions);
    readonly core: Hypercore;
    readonly version: number;
    ready(): Promise<void>;
    // Closes the core it was given too.
    close(): Promise<void>;
    put(key: Key, value?: Value): Promise<void>;
    del(key: Key): Promise<void>;
    batch(): { put(key: Key, value?: Value): Promise<void>; del(key: Key): Promise<void>; flush(): Promise<void> };
    // `timeout`: how long each block the read needs is waited for (ms), then the read fails.
    createReadStream(range?: HyperbeeRange, options?: { timeout?: number }): AsyncIterable<HyperbeeEntry<Key, Value>>;
  }
}

// Hyperbee's own protobuf codecs (generated by protocol-buffers); decode throws on bad bytes.
declare module 'hyperbee/lib/messages.js' {
  export interface HeaderMetadata {
    contentFeed: Buffer | null;
    userData: Buffer | null;
  }

  export interface HeaderMessage {
    protocol: string;
    metadata: HeaderMetadata | null;
  }

  export interface NodeMessage {
    index: Buffer;
    key: Buffer;
    // Null for a del.
    value: Buffer | null;
  }

  export interface Codec<Message> {
    decode(buffer: Uint8Array): Message;
    encode(message: Message): Buffer;
  }

  const messages: {
    Header: Codec<HeaderMessage>;
    Node: Codec<NodeMessage>;
  };
  export default messages;
}

declare module 'hyperdrive' {
  import type Hypercore from 'hypercore';

  export default class Hyperdrive {
    // The key of a drive's blobs core when it follows from the file table's manifest (hyperdrive 11
    // and later on a manifest core); null for a drive whose header names it.
    static getContentKey(fileTable: Hypercore): Buffer | null;
  }
}

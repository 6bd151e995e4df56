// What this browser keeps for one signed-in person across reloads and restarts (IndexedDB, via `idb`):
// their writes not yet acknowledged (by op_id) and the last board they saw per initiative. One database
// per user id, so someone else signing in on the same browser never sees or sends them. The last `/me`
// answer is kept apart (the app needs it to know who is signed in before it can open their database).
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { Me, Snapshot } from "../types";
import type { Overlay } from "./reconcile";

/** One write waiting for the server's answer, exactly as it is (re)sent. */
export interface StoredWrite {
  opId: string;
  initiative: string;
  /** the socket action, e.g. `card:create` */
  action: string;
  /** what is sent beside `op_id` */
  payload: Record<string, unknown>;
  /** how the board draws it until answered, under `id` (a create's temporary id, or the card's) */
  overlay?: Overlay & { id: string };
  /** when it was made (ms since the epoch): resent in this order */
  at: number;
}

/** The board as this person last saw it. */
export interface StoredBoard {
  initiative: string;
  snapshot: Snapshot;
  /** when it was kept (ms since the epoch) */
  savedAt: number;
}

interface UserDB extends DBSchema {
  writes: { key: string; value: StoredWrite; indexes: { initiative: string } };
  boards: { key: string; value: StoredBoard };
}

interface SessionDB extends DBSchema {
  me: { key: string; value: { me: Me; savedAt: number } };
}

export const userDbName = (userId: string) => `clb-offline-${userId}`;
const SESSION_DB = "clb-session";
const LAST = "last";

/** One person's writes and boards. */
export class OfflineStore {
  readonly userId: string;
  private db: Promise<IDBPDatabase<UserDB>>;

  constructor(userId: string) {
    this.userId = userId;
    this.db = openDB<UserDB>(userDbName(userId), 1, {
      upgrade(db) {
        db.createObjectStore("writes", { keyPath: "opId" }).createIndex("initiative", "initiative");
        db.createObjectStore("boards", { keyPath: "initiative" });
      },
    });
  }

  async putWrite(write: StoredWrite): Promise<void> {
    await (await this.db).put("writes", write);
  }

  async deleteWrite(opId: string): Promise<void> {
    await (await this.db).delete("writes", opId);
  }

  /** The waiting writes, oldest first (of one initiative, or all). */
  async writes(initiative?: string): Promise<StoredWrite[]> {
    const db = await this.db;
    const all = initiative ? await db.getAllFromIndex("writes", "initiative", initiative) : await db.getAll("writes");
    return all.sort((a, b) => a.at - b.at);
  }

  async putBoard(board: StoredBoard): Promise<void> {
    await (await this.db).put("boards", board);
  }

  async board(initiative: string): Promise<StoredBoard | undefined> {
    return (await this.db).get("boards", initiative);
  }

  /** Forget the boards kept (on sign-out); waiting writes stay for this person's next sign-in. */
  async clearBoards(): Promise<void> {
    await (await this.db).clear("boards");
  }

  close() {
    this.db.then((db) => db.close()).catch(() => undefined);
  }
}

let sessionDb: Promise<IDBPDatabase<SessionDB>> | null = null;
function session(): Promise<IDBPDatabase<SessionDB>> {
  sessionDb ??= openDB<SessionDB>(SESSION_DB, 1, { upgrade: (db) => { db.createObjectStore("me"); } });
  return sessionDb;
}

/** Keep the last `/me` answer, to start the app offline as the same person. */
export async function keepMe(me: Me): Promise<void> {
  await (await session()).put("me", { me, savedAt: Date.now() }, LAST);
}

/** The last `/me` answer kept, if any. */
export async function lastMe(): Promise<Me | undefined> {
  return (await (await session()).get("me", LAST))?.me;
}

/** Forget who was signed in (on sign-out, or when the server says nobody is). */
export async function forgetMe(): Promise<void> {
  await (await session()).delete("me", LAST);
}

/** Whether this browser can keep anything (IndexedDB is there). */
export const canKeep = () => typeof indexedDB !== "undefined";

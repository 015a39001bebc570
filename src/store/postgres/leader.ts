/**
 * One elected instance for what a platform lets only one consumer do (Telegram long polling, one
 * long connection per app): a PostgreSQL session advisory lock, held on a connection of its own
 * for as long as the instance leads. When the leader dies its connection ends, the server drops
 * the lock, and the next instance to try takes it over (issue 22). No table, no clock.
 */
import pg from "pg";

/** The lock key of a role name (two 32-bit halves of PostgreSQL's own text hash, so any name works). */
const LOCK_SQL = "SELECT pg_try_advisory_lock(hashtext($1), hashtext(reverse($1))) AS got";

export class AdvisoryLeader {
  private client: pg.Client | null = null;
  private leading = false;

  /** `role` names what is led (e.g. "telegram-polling"); every instance uses the same name. */
  constructor(
    private readonly url: string,
    private readonly role: string,
  ) {}

  /** True while this instance holds the lock (as far as it knows: a dropped connection clears it). */
  get isLeader(): boolean {
    return this.leading;
  }

  /** Try once to become the leader; true when this instance leads now. */
  async tryLead(): Promise<boolean> {
    if (this.leading) return true;
    if (!this.client) {
      const client = new pg.Client({ connectionString: this.url });
      // The connection ending (server restart, network) ends the leadership: the lock went with it.
      const lost = () => {
        if (this.client === client) {
          this.client = null;
          this.leading = false;
        }
      };
      client.on("error", lost);
      client.on("end", lost);
      await client.connect();
      this.client = client;
    }
    const r = await this.client.query(LOCK_SQL, [this.role]);
    this.leading = r.rows[0]?.got === true;
    return this.leading;
  }

  /** Give the role up (ends the lock's connection); safe to call twice. */
  async release(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.leading = false;
    await client?.end().catch(() => {});
  }

  /** The backend process id of the lock's connection (tests end it to kill a leader), or null. */
  async backendPid(): Promise<number | null> {
    if (!this.client) return null;
    return (await this.client.query("SELECT pg_backend_pid() AS pid")).rows[0]?.pid ?? null;
  }
}

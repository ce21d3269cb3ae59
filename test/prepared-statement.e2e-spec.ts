import { Pool } from 'pg';
import { PreparedStatement } from '../src/database/prepared-statement';
import { testDatabaseUrl } from './support/test-app';

/**
 * On the embedded database every connection shares one session, so a statement name prepared on one
 * connection exists for all: these cases failed with `prepared statement "…" already exists` when
 * names were fixed.
 */
describe('PreparedStatement', () => {
  const pools: Pool[] = [];
  const newPool = () => {
    const pool = new Pool({ connectionString: testDatabaseUrl(), max: 1 });
    pools.push(pool);
    return pool;
  };
  afterAll(() => Promise.all(pools.map((p) => p.end())));

  const SQL = 'SELECT $1::int + 1 AS next';

  it('answers repeated calls with each call’s own values', async () => {
    const statement = new PreparedStatement<{ next: number }>(newPool(), SQL);
    for (const n of [1, 2, 3]) expect(await statement.rows([n])).toEqual([{ next: n + 1 }]);
  });

  it('works for two apps on the same database and after a connection is replaced', async () => {
    const pool = newPool();
    const first = new PreparedStatement<{ next: number }>(pool, SQL);
    const second = new PreparedStatement<{ next: number }>(newPool(), SQL);
    expect(await first.rows([1])).toEqual([{ next: 2 }]);
    expect(await second.rows([10])).toEqual([{ next: 11 }]);

    // The pool's only connection dies (as after an idle timeout or an outage); the next call reconnects.
    const client = await pool.connect();
    client.release(new Error('drop this connection'));
    expect(await first.rows([20])).toEqual([{ next: 21 }]);
    expect(await second.rows([30])).toEqual([{ next: 31 }]);
  });
});

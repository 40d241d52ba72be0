-- The table that bench/pgbench/insert.sql writes to, in the throw-away database ocop_bench_pgbench.
-- A row of about the size of a registration.product row (~290 bytes against ~270): uuid key, text name,
-- jsonb payload.
-- gen_random_uuid() is built in from PostgreSQL 13 on.
CREATE TABLE bench_t (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

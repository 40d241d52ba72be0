-- One single-row INSERT per transaction, the database-only ceiling for POST /api/v1/products.
-- The row is about the size of a registration.product row (~290 bytes against ~270).
\set n random(1, 2000000000)
BEGIN;
INSERT INTO bench_t (name, payload) VALUES (
  'Sản phẩm bench ' || :n,
  jsonb_build_object(
    'group', 'food', 'cycleYear', 2026, 'producerId', '4416fc86-953b-47ac-a173-9ba59fd57621',
    'provinceCode', '24', 'communeCode', '07381', 'registeredAt', now()
  )
);
COMMIT;

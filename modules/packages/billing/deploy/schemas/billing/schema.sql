-- Deploy app-billing:schemas/billing/schema to pg

BEGIN;

CREATE SCHEMA billing;

-- anonymous too: the pricing page lists the public plans.
GRANT USAGE ON SCHEMA billing TO authenticated, anonymous;

ALTER DEFAULT PRIVILEGES IN SCHEMA billing
  GRANT SELECT ON TABLES TO administrator;

COMMIT;

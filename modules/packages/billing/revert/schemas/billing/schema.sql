-- Revert app-billing:schemas/billing/schema from pg

BEGIN;

ALTER DEFAULT PRIVILEGES IN SCHEMA billing
  REVOKE SELECT ON TABLES FROM administrator;

DROP SCHEMA billing;

COMMIT;

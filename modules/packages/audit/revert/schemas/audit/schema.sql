-- Revert app-audit:schemas/audit/schema from pg

BEGIN;

ALTER DEFAULT PRIVILEGES IN SCHEMA audit
  REVOKE SELECT ON TABLES FROM administrator;

DROP SCHEMA audit;

COMMIT;

-- Revert app-base:schemas/app/schema from pg

BEGIN;

ALTER DEFAULT PRIVILEGES IN SCHEMA app
  REVOKE SELECT ON TABLES FROM administrator;

DROP SCHEMA app;

COMMIT;

-- Deploy app-audit:schemas/audit/schema to pg

BEGIN;

CREATE SCHEMA audit;

GRANT USAGE ON SCHEMA audit TO authenticated;

ALTER DEFAULT PRIVILEGES IN SCHEMA audit
  GRANT SELECT ON TABLES TO administrator;

COMMIT;

-- Deploy app-base:schemas/app/schema to pg

BEGIN;

CREATE SCHEMA app;

COMMENT ON SCHEMA app IS 'Tables, types and functions exposed to the API';

GRANT USAGE ON SCHEMA app TO authenticated;

-- Administrators read every table in app, including those other modules add later.
ALTER DEFAULT PRIVILEGES IN SCHEMA app
  GRANT SELECT ON TABLES TO administrator;

COMMIT;

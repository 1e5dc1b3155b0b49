-- Deploy app-base:schemas/app_private/schema to pg

BEGIN;

-- No grants: only definers and the deploying role reach into app_private.
CREATE SCHEMA app_private;

COMMENT ON SCHEMA app_private IS 'Internal helpers, never exposed to the API';

COMMIT;

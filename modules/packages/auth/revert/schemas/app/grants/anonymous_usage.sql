-- Revert app-auth:schemas/app/grants/anonymous_usage from pg

BEGIN;

REVOKE USAGE ON SCHEMA app FROM anonymous;

COMMIT;

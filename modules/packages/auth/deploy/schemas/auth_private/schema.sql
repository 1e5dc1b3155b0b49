-- Deploy app-auth:schemas/auth_private/schema to pg

BEGIN;

CREATE SCHEMA auth_private;

COMMENT ON SCHEMA auth_private IS 'Credentials; reached only through SECURITY DEFINER functions';

COMMIT;

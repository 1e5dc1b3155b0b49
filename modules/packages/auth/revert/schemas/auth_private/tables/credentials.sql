-- Revert app-auth:schemas/auth_private/tables/credentials from pg

BEGIN;

DROP TABLE auth_private.credentials;

COMMIT;

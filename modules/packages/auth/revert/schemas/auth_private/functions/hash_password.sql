-- Revert app-auth:schemas/auth_private/functions/hash_password from pg

BEGIN;

DROP FUNCTION auth_private.hash_password(text);

COMMIT;

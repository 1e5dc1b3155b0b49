-- Verify app-auth:schemas/auth_private/functions/hash_password on pg

BEGIN;

SELECT 1/(public.crypt('correct horse', h) = h)::int
  FROM (SELECT auth_private.hash_password('correct horse') AS h) AS hashed;

SELECT 1/(NOT has_function_privilege('anonymous', 'auth_private.hash_password(text)', 'EXECUTE'))::int;

ROLLBACK;

-- Verify app-auth:schemas/app/functions/register on pg

BEGIN;

SELECT 1/count(*)
  FROM pg_catalog.pg_proc
 WHERE oid = 'app.register(text, text, text)'::regprocedure
   AND prosecdef
   AND proconfig IS NOT NULL;

SELECT 1/has_function_privilege('anonymous', 'app.register(text, text, text)', 'EXECUTE')::int;

-- Runs inside the verify transaction, which is rolled back.
SELECT app.register('verify.register@example.com', 'hunter2hunter2', 'Verify');

SELECT 1/count(*)
  FROM app.users AS u
  JOIN auth_private.credentials AS c ON c.user_id = u.id
 WHERE u.email = 'verify.register@example.com'
   AND u.status = 'active';

ROLLBACK;

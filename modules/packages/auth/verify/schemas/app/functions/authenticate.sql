-- Verify app-auth:schemas/app/functions/authenticate on pg

BEGIN;

SELECT 1/has_function_privilege('anonymous', 'app.authenticate(text, text)', 'EXECUTE')::int;

-- Sign up and sign in inside the verify transaction, which is rolled back.
SELECT app.register('Verify.Authenticate@example.com', 'open sesame 42');

SELECT 1/count(*)
  FROM app.authenticate('verify.authenticate@example.com', 'open sesame 42') AS t
 WHERE t.role = 'authenticated'
   AND t.user_id IS NOT NULL;

SELECT 1/count(*)
  FROM app.authenticate('verify.authenticate@example.com', 'wrong password') AS t
 WHERE t.user_id IS NULL;

ROLLBACK;

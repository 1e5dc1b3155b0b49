-- Verify app-api:schemas/app/functions/signup_with_organization on pg

BEGIN;

SELECT 1/has_function_privilege('anonymous', 'app.signup_with_organization(text, text, text, text)', 'EXECUTE')::int;

SELECT 1/count(*)
  FROM app.signup_with_organization('verify.signup@example.com', 'long enough secret', 'verify-signup', 'Verify Signup') AS t
 WHERE t.role = 'authenticated'
   AND t.user_id IS NOT NULL;

ROLLBACK;

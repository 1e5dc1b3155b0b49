-- Verify app-api:schemas/app/functions/create_organization on pg

BEGIN;

SELECT 1/has_function_privilege('authenticated', 'app.create_organization(text, text)', 'EXECUTE')::int;

-- Everything below is rolled back with the verify transaction.
INSERT INTO app.users (id, email, status)
VALUES ('3f0c8a52-6b1e-4f9d-8c2a-5d7e9b1a0c01', 'verify.create-org@example.com', 'active');

SELECT set_config('jwt.claims.user_id', '3f0c8a52-6b1e-4f9d-8c2a-5d7e9b1a0c01', true);

SELECT app.create_organization('verify-create-org', 'Verify Create Org');

SELECT 1/count(*)
  FROM app.organizations AS o
  JOIN app.memberships AS m ON m.organization_id = o.id AND m.role = 'owner'
  JOIN billing.subscriptions AS s ON s.organization_id = o.id AND s.plan_id = 'free'
 WHERE o.slug = 'verify-create-org'
   AND m.user_id = '3f0c8a52-6b1e-4f9d-8c2a-5d7e9b1a0c01';

ROLLBACK;

-- Verify app-billing:schemas/billing/schema on pg

BEGIN;

SELECT app_private.assert_schema('billing');

SELECT 1/has_schema_privilege('anonymous', 'billing', 'USAGE')::int;
SELECT 1/has_schema_privilege('authenticated', 'billing', 'USAGE')::int;

ROLLBACK;

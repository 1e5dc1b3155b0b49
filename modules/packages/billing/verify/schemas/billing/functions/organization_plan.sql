-- Verify app-billing:schemas/billing/functions/organization_plan on pg

BEGIN;

SELECT 1/has_function_privilege('authenticated', 'billing.organization_plan(uuid)', 'EXECUTE')::int;
SELECT 1/(NOT has_function_privilege('anonymous', 'billing.organization_plan(uuid)', 'EXECUTE'))::int;

-- Unknown organization (and nobody signed in): no plan.
SELECT 1/((billing.organization_plan('00000000-0000-0000-0000-000000000000')).id IS NULL)::int;

ROLLBACK;

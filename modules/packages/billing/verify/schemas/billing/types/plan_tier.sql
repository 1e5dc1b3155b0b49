-- Verify app-billing:schemas/billing/types/plan_tier on pg

BEGIN;

SELECT 1/(array_length(enum_range(NULL::billing.plan_tier), 1) = 3)::int;

ROLLBACK;

-- Verify app-billing:schemas/billing/tables/plans on pg

BEGIN;

SELECT id, tier, name, monthly_price_cents, currency, is_public
  FROM billing.plans
 WHERE false;

-- app-api and the sign-up flow rely on the free plan.
SELECT 1/count(*) FROM billing.plans WHERE id = 'free' AND monthly_price_cents = 0;

ROLLBACK;

-- Deploy app-billing:schemas/billing/tables/plans to pg
-- requires: schemas/billing/types/plan_tier

BEGIN;

CREATE TABLE billing.plans (
  id                  text PRIMARY KEY,
  tier                billing.plan_tier NOT NULL,
  name                text NOT NULL,
  monthly_price_cents integer NOT NULL CHECK (monthly_price_cents >= 0),
  currency            char(3) NOT NULL DEFAULT 'USD',
  is_public           boolean NOT NULL DEFAULT true
);

INSERT INTO billing.plans (id, tier, name, monthly_price_cents, is_public) VALUES
  ('free',       'free',       'Free',       0,     true),
  ('team',       'team',       'Team',       2900,  true),
  ('enterprise', 'enterprise', 'Enterprise', 49900, false);

COMMIT;

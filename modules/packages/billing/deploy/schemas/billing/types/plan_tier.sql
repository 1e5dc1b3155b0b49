-- Deploy app-billing:schemas/billing/types/plan_tier to pg
-- requires: schemas/billing/schema

BEGIN;

CREATE TYPE billing.plan_tier AS ENUM (
  'free',
  'team',
  'enterprise'
);

COMMIT;

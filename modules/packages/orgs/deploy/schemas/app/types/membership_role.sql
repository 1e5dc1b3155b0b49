-- Deploy app-orgs:schemas/app/types/membership_role to pg
-- requires: app-base:schemas/app/schema

BEGIN;

-- Ordered from most to least privileged: role <= 'admin' means "admin or owner".
CREATE TYPE app.membership_role AS ENUM (
  'owner',
  'admin',
  'member'
);

COMMIT;

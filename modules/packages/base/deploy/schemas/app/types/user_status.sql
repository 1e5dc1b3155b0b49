-- Deploy app-base:schemas/app/types/user_status to pg
-- requires: schemas/app/schema

BEGIN;

CREATE TYPE app.user_status AS ENUM (
  'invited',
  'active',
  'suspended'
);

COMMIT;

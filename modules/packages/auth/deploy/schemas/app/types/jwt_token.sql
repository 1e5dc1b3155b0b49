-- Deploy app-auth:schemas/app/types/jwt_token to pg
-- requires: app-base:schemas/app/schema

BEGIN;

CREATE TYPE app.jwt_token AS (
  role    text,
  user_id uuid,
  exp     bigint
);

COMMENT ON TYPE app.jwt_token IS 'Claims signed into the JWT by the API gateway';

COMMIT;
